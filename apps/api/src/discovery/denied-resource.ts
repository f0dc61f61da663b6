import { CommandPolicy } from '@app/safety';
import { ClusterResource } from './cluster-picture';

/** Resources no command may name: never shown to the model, never suggested. Secrets in any spelling always. */
export function isDeniedResource(policy: CommandPolicy, resource: ClusterResource): boolean {
  return resource.name.includes('secret') || policy.refusesResource(resource.name, resource.group);
}
