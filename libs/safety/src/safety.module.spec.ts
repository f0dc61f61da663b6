import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CommandPolicy } from './command-policy';
import { SafetyModule } from './safety.module';
import { SAFETY_OPTIONS } from './safety.constants';
import { SafetyOptions } from './safety.options';
import { VerdictCode } from './verdict';

@Injectable()
class WriteSettings {
  constructor(readonly allowWrites: boolean) {}
}

@Module({ providers: [{ provide: WriteSettings, useValue: new WriteSettings(true) }], exports: [WriteSettings] })
class SettingsModule {}

describe(SafetyModule.name, () => {
  it('provides a CommandPolicy configured by forRoot', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [SafetyModule.forRoot({ allowWrites: false })] }).compile();
    const sut = moduleRef.get(CommandPolicy);
    expect(sut.evaluate('kubectl scale deploy/web --replicas=2').code).toBe(VerdictCode.WRITES_DISABLED);
  });

  it('provides a CommandPolicy configured by forRootAsync with a factory', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        SafetyModule.forRootAsync({
          imports: [SettingsModule],
          inject: [WriteSettings],
          useFactory: (settings: WriteSettings): SafetyOptions => ({
            allowWrites: settings.allowWrites,
            allowedNamespaces: ['team-a'],
            defaultNamespace: 'team-a',
          }),
        }),
      ],
    }).compile();
    const sut = moduleRef.get(CommandPolicy);
    expect(sut.evaluate('kubectl scale deploy/web --replicas=2')).toMatchObject({
      code: VerdictCode.WRITE_ALLOWED,
      argv: ['scale', 'deploy/web', '--replicas=2', '--namespace=team-a'],
    });
  });

  it('holds its options under the SAFETY_OPTIONS token', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [SafetyModule.forRoot({ allowWrites: true })] }).compile();
    expect(moduleRef.get(SAFETY_OPTIONS, { strict: false })).toEqual({ allowWrites: true });
  });

  it('builds without Nest for tests and scripts', () => {
    expect(new CommandPolicy({ allowWrites: false }).evaluate('kubectl get pods').decision).toBe('read');
  });
});
