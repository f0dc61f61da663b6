import { Module } from '@nestjs/common';
import { ApiKeyVerifier } from './api-key.verifier';

@Module({ providers: [ApiKeyVerifier], exports: [ApiKeyVerifier] })
export class AuthModule {}
