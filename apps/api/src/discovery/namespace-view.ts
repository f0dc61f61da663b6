import { AppConfig } from '@app/config';
import { CallerScope } from '../auth/caller';

/** The namespaces a caller may see: its own list, else the service's (KUBECTL_ALLOWED_NAMESPACES); null: all. */
export function namespaceView(scope: CallerScope | null, config: AppConfig): ReadonlySet<string> | null {
  const namespaces = scope ? scope.namespaces : config.safety.allowedNamespaces;
  return namespaces === null ? null : new Set(namespaces);
}
