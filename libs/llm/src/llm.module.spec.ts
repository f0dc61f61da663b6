import { Test } from '@nestjs/testing';
import { KubectlCommandGenerator } from './kubectl-command.generator';
import { LLM_MODULE_OPTIONS } from './llm.constants';
import { LlmModule } from './llm.module';
import type { LlmModuleOptions } from './llm.options';

describe(LlmModule.name, () => {
  const options: LlmModuleOptions = { baseUrl: 'http://127.0.0.1:9/v1', model: 'llama3.1', timeoutMs: 5_000 };

  it('provides the generator from forRoot options', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [LlmModule.forRoot(options)] }).compile();
    const sut = moduleRef.get(KubectlCommandGenerator);
    expect(sut.configured).toBe(true);
    expect(sut.model).toBe('llama3.1');
    expect(moduleRef.get(LLM_MODULE_OPTIONS)).toEqual(options);
  });

  it('provides the generator from a forRootAsync factory', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [LlmModule.forRootAsync({ useFactory: async () => ({ ...options, model: 'from-factory' }) })],
    }).compile();
    expect(moduleRef.get(KubectlCommandGenerator).model).toBe('from-factory');
  });

  it('can be registered globally', () => {
    expect(LlmModule.forRoot({ ...options, isGlobal: true }).global).toBe(true);
  });
});
