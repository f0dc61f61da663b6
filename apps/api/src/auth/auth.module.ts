import { Module } from '@nestjs/common';
import { ApiKeyVerifier } from './api-key.verifier';
import { CallerRegistry } from './caller-registry';
import { WhoAmIController } from './whoami.controller';

@Module({ controllers: [WhoAmIController], providers: [CallerRegistry, ApiKeyVerifier], exports: [ApiKeyVerifier] })
export class AuthModule {}
