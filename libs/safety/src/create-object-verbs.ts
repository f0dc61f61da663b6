import { createRule, image } from './create-verbs';
import { boolFlag, invalidValue, refusedValue, ValueCheck, valueFlag } from './flag-spec';
import { anyValue, integerBetween, oneOf } from './flag-values';
import { VerbRule } from './verb-rule';
import { VerdictCode } from './verdict';

const COUNT_OR_PERCENT: ValueCheck = (value) =>
  /^(\d{1,6}|\d{1,3}%)$/.test(value) ? undefined : invalidValue('expected a number or a percentage such as 50%');

/** `HOST/PATH=SERVICE:PORT[,tls[=SECRET]]`: a named TLS Secret would hand its key to whoever writes the rule. */
const ingressRule: ValueCheck = (value) =>
  /,tls=/.test(value)
    ? refusedValue('a TLS Secret may not be named (use ",tls" for the default certificate)', VerdictCode.RESOURCE_DENIED)
    : undefined;

/**
 * `KEY=VALUE` ingress annotations. Configuration snippets (`*-snippet`) let whoever writes them
 * run configuration in the ingress controller, which can read every Secret (CVE-2021-25742,
 * CVE-2025-1974); annotations naming Secrets hand them over.
 */
const ingressAnnotation: ValueCheck = (value) => {
  const key = value.split('=')[0].toLowerCase();
  if (key.includes('snippet')) return refusedValue('configuration snippets run in the ingress controller');
  if (key.includes('secret')) return refusedValue('annotations may not name Secrets', VerdictCode.RESOURCE_DENIED);
  return undefined;
};

/** Objects `create` may make besides namespaces, deployments, services, jobs and configmaps. */
export const CREATE_OBJECT_RULES: ReadonlyMap<string, VerbRule> = new Map([
  [
    'cronjob',
    createRule(
      'cronjob',
      'namespaced',
      [valueFlag('image', image), valueFlag('schedule', anyValue), valueFlag('restart', oneOf('OnFailure', 'Never'))],
      { required: ['image', 'schedule'] },
      true,
    ),
  ],
  [
    'ingress',
    createRule(
      'ingress',
      'namespaced',
      [
        valueFlag('class', anyValue),
        valueFlag('rule', ingressRule),
        valueFlag('annotation', ingressAnnotation),
        valueFlag('default-backend', anyValue),
      ],
      { oneOf: ['rule', 'default-backend'] },
    ),
  ],
  [
    'poddisruptionbudget',
    createRule(
      'poddisruptionbudget',
      'namespaced',
      [valueFlag('selector', anyValue), valueFlag('min-available', COUNT_OR_PERCENT), valueFlag('max-unavailable', COUNT_OR_PERCENT)],
      { required: ['selector'], oneOf: ['min-available', 'max-unavailable'] },
    ),
  ],
  ['quota', createRule('quota', 'namespaced', [valueFlag('hard', anyValue), valueFlag('scopes', anyValue)])],
  [
    'priorityclass',
    createRule(
      'priorityclass',
      'cluster',
      [
        valueFlag('value', integerBetween(-999_999_999, 999_999_999)),
        boolFlag('global-default'),
        valueFlag('description', anyValue),
        valueFlag('preemption-policy', oneOf('PreemptLowerPriority', 'Never')),
      ],
      { required: ['value'] },
    ),
  ],
]);
