import { Module } from '@nestjs/common';
import { CommandPolicy } from './command-policy';
import { SafetyConfigurableModule } from './safety.module-definition';

/** Provides the CommandPolicy; configure with forRoot({ allowWrites }) or forRootAsync({ useFactory }). */
@Module({
  providers: [CommandPolicy],
  exports: [CommandPolicy],
})
export class SafetyModule extends SafetyConfigurableModule {}
