import { Module } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log';
import { CallerScopeGate } from './caller-scope.gate';
import { CommandExecutionService } from './command-execution.service';
import { CommandGenerationService } from './command-generation.service';
import { GenerationCache } from './generation-cache';
import { KubectlCommandService } from './kubectl-command.service';
import { KubectlController } from './kubectl.controller';

/** The feature: plain words -> judged kubectl command -> optionally its run, audited. */
@Module({
  controllers: [KubectlController],
  providers: [AuditLog, CallerScopeGate, GenerationCache, CommandGenerationService, CommandExecutionService, KubectlCommandService],
  exports: [KubectlCommandService],
})
export class KubectlModule {}
