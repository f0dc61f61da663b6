import { isExampleFile, KUSTOMIZE_API_GROUP, loadManifestDocuments, ManifestDocument, YamlObject } from './manifest-files';

/** Looks up the objects of docker/k8s by kind and name, typed for the assertions that read them. */
export class ManifestIndex {
  constructor(readonly documents: readonly ManifestDocument[]) {}

  static load(): ManifestIndex {
    return new ManifestIndex(loadManifestDocuments());
  }

  /** The objects of `*.example.yaml` files, which only show an operator what to write. */
  examples(): ManifestIndex {
    return new ManifestIndex(this.documents.filter((document) => isExampleFile(document.file)));
  }

  /** Everything but the examples: what kustomize may apply. */
  withoutExamples(): ManifestIndex {
    return new ManifestIndex(this.documents.filter((document) => !isExampleFile(document.file)));
  }

  /** Kubernetes objects only (not kustomize's Kustomization and Component files). */
  objects(): ManifestDocument[] {
    return this.documents.filter((document) => !String(document.body.apiVersion).startsWith(`${KUSTOMIZE_API_GROUP}/`));
  }

  kustomizeFiles(): ManifestDocument[] {
    return this.documents.filter((document) => String(document.body.apiVersion).startsWith(`${KUSTOMIZE_API_GROUP}/`));
  }

  all<T = YamlObject>(kind: string): T[] {
    return this.objects()
      .filter((document) => document.body.kind === kind)
      .map((document) => document.body as T);
  }

  one<T = YamlObject>(kind: string, name: string): T {
    const found = this.objects().filter((document) => document.body.kind === kind && nameOf(document.body) === name);
    if (found.length !== 1) throw new Error(`expected one ${kind} named ${name}, found ${found.length}`);
    return found[0].body as T;
  }

  /** The file an object is defined in, relative to docker/k8s. */
  fileOf(kind: string, name: string): string {
    const found = this.objects().find((document) => document.body.kind === kind && nameOf(document.body) === name);
    if (!found) throw new Error(`no ${kind} named ${name}`);
    return found.file;
  }
}

export function nameOf(body: YamlObject): string | undefined {
  const metadata = body.metadata as { name?: string } | undefined;
  return metadata?.name;
}
