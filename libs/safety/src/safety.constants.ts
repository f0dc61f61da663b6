import { Inject } from '@nestjs/common';

/** Injection token of the SafetyModule options. */
export const SAFETY_OPTIONS = Symbol('SAFETY_OPTIONS');

/** Injects the options given to SafetyModule.forRoot / forRootAsync. */
export const InjectSafetyOptions = (): ParameterDecorator => Inject(SAFETY_OPTIONS);
