import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { APP_DEFAULTS, LIVENESS_PATH } from './support/app-contract';
import { DOCKERFILE_PATH, DOCKERIGNORE_PATH, REPO_ROOT } from './support/deploy-paths';
import { DockerInstruction, DockerStage, execForm, parseDockerfile, splitFlags } from './support/dockerfile.parser';
import { SERVICE_NODE_FLAGS } from '../support/service-process';
import { VERIFIED_KUBECTL_VERSION } from '@app/safety';

const TEXT = readFileSync(DOCKERFILE_PATH, 'utf8');
const sut = parseDockerfile(TEXT);
const runtime = sut.stages[sut.stages.length - 1];

function instructions(stage: DockerStage, keyword: string): DockerInstruction[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword);
}

function stageNamed(name: string): DockerStage {
  const stage = sut.stages.find((candidate) => candidate.name === name);
  if (!stage) throw new Error(`no stage named ${name}`);
  return stage;
}

function argDefault(stage: DockerStage | null, name: string): string | undefined {
  const args = stage ? instructions(stage, 'ARG') : sut.globalArgs;
  const arg = args.find((instruction) => instruction.args.startsWith(`${name}=`));
  return arg?.args.slice(name.length + 1);
}

/** COPY sources and the stage they come from (undefined: the build context). */
function copies(stage: DockerStage): { from?: string; sources: string[]; destination: string }[] {
  return instructions(stage, 'COPY').map((instruction) => {
    const { flags, rest } = splitFlags(instruction.args);
    const paths = rest.split(/\s+/);
    return { from: flags.from, sources: paths.slice(0, -1), destination: paths[paths.length - 1] };
  });
}

describe('docker/Dockerfile', () => {
  describe('lint', () => {
    it('has no dockerfile-utils diagnostics, errors or warnings', () => {
      const diagnostics = lintDockerfile(TEXT).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);

      expect(diagnostics).toEqual([]);
    });

    it('is checked by a linter that does report mistakes', () => {
      const broken = 'FROM node:24 AS a\nFROM node:24 AS a\nHEALTHCHECK --intervl=5s CMD true\nworkdir app\n';

      expect(lintDockerfile(broken).length).toBeGreaterThanOrEqual(3);
    });

    it('pins every base image to a tag, never latest, and uses an even (LTS) Node line the app supports', () => {
      const bases = sut.stages.map((stage) => stage.base.replace('${NODE_IMAGE}', argDefault(null, 'NODE_IMAGE') ?? ''));
      const engines = (JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } })
        .engines.node;
      const minimumMajor = Number(/(\d+)/.exec(engines)?.[1]);

      for (const base of bases) expect(base).toMatch(/^[a-z0-9./-]+:(?!latest)[\w.-]+$/);
      for (const base of bases) {
        const major = Number(/^node:(\d+)-/.exec(base)?.[1]);
        expect(major % 2).toBe(0);
        expect(major).toBeGreaterThanOrEqual(minimumMajor);
      }
    });

    it('installs apt packages without recommends and drops the package lists in the same layer', () => {
      const aptRuns = sut.stages.flatMap((stage) => instructions(stage, 'RUN')).filter((run) => run.args.includes('apt-get install'));

      expect(aptRuns.length).toBeGreaterThan(0);
      for (const run of aptRuns) {
        expect(run.args).toContain('--no-install-recommends');
        expect(run.args).toContain('rm -rf /var/lib/apt/lists/*');
      }
    });

    it('sets pipefail in every stage that pipes, and never pipes a download into a shell or ADDs a URL', () => {
      for (const stage of sut.stages) {
        const piping = instructions(stage, 'RUN').filter((run) => /[^|]\|[^|]/.test(run.args));
        const shell = instructions(stage, 'SHELL')[0];
        if (piping.length > 0) expect(execForm(shell?.args ?? '')).toEqual(['/bin/bash', '-o', 'pipefail', '-c']);
        for (const run of instructions(stage, 'RUN')) expect(run.args).not.toMatch(/\|\s*(ba)?sh\b/);
        expect(instructions(stage, 'ADD')).toEqual([]);
      }
    });
  });

  describe('runtime stage', () => {
    it('runs node dist/apps/api/src/main.js under tini, exactly what `npm run start:prod` runs', () => {
      const start = (JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
        .scripts['start:prod'];

      expect(execForm(instructions(runtime, 'CMD')[0].args)).toEqual(['node', 'dist/apps/api/src/main.js']);
      // start:prod passes the V8 flags on the command line; the image sets them in NODE_OPTIONS.
      expect(start).toBe(`node ${SERVICE_NODE_FLAGS.join(' ')} dist/apps/api/src/main.js`);
      expect(TEXT).toMatch(new RegExp(`NODE_OPTIONS="${SERVICE_NODE_FLAGS.join(' ')}"`));
      expect(execForm(instructions(runtime, 'ENTRYPOINT')[0].args)).toEqual(['/usr/bin/tini', '--']);
    });

    it("exposes the app's default PORT", () => {
      expect(instructions(runtime, 'EXPOSE').map((expose) => expose.args)).toEqual([String(APP_DEFAULTS.server.port)]);
    });

    it('health-checks /health on loopback at the default port, in exec form', () => {
      const healthchecks = instructions(runtime, 'HEALTHCHECK');
      const { flags, rest } = splitFlags(healthchecks[0].args);
      const command = execForm(rest.replace(/^CMD\s+/, ''));

      expect(healthchecks).toHaveLength(1);
      expect(command?.slice(0, 2)).toEqual(['node', '-e']);
      expect(command?.[2]).toContain(`'http://127.0.0.1:' + (process.env.PORT || ${APP_DEFAULTS.server.port}) + '${LIVENESS_PATH}'`);
      expect(flags).toEqual(expect.objectContaining({ interval: expect.any(String), timeout: expect.any(String) }));
    });

    it('runs as a numeric non-root user, so runAsNonRoot can verify it', () => {
      const users = instructions(runtime, 'USER').map((user) => user.args);

      expect(users).toHaveLength(1);
      expect(users[0]).toMatch(/^[1-9][0-9]*(:[1-9][0-9]*)?$/);
    });

    it('copies only build output, production node_modules and kubectl, never sources or tests', () => {
      expect(copies(runtime)).toEqual([
        { from: 'prod-deps', sources: ['/app/node_modules'], destination: './node_modules' },
        { from: 'build', sources: ['/app/dist'], destination: './dist' },
        { from: 'kubectl', sources: ['/usr/local/bin/kubectl'], destination: '/usr/local/bin/kubectl' },
      ]);
    });

    it('takes node_modules from a stage that installs production dependencies only', () => {
      const runs = instructions(stageNamed('prod-deps'), 'RUN').map((run) => run.args);

      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatch(/^npm ci --omit=dev\b/);
      expect(runs[0]).not.toMatch(/npm (install|i)\b/);
    });

    it('points HOME into /tmp, where the read-only deployments mount a writable volume', () => {
      expect(instructions(runtime, 'ENV').map((env) => env.args).join(' ')).toMatch(/\bHOME=\/tmp\/home\b/);
    });
  });

  describe('kubectl', () => {
    const stage = stageNamed('kubectl');
    const download = instructions(stage, 'RUN').find((run) => run.args.includes('dl.k8s.io'));

    it('downloads a pinned release from the official host for the target architecture', () => {
      expect(argDefault(stage, 'KUBECTL_VERSION')).toMatch(/^v1\.\d+\.\d+$/);
      expect(download?.args).toContain('"https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/${TARGETARCH}/kubectl"');
      expect(download?.args).toContain("--proto '=https'");
    });

    it('ships the kubectl minor release the flag tables of the policy were verified against', () => {
      expect(argDefault(stage, 'KUBECTL_VERSION')).toMatch(new RegExp(`^v${VERIFIED_KUBECTL_VERSION.replace('.', '\\.')}\\.\\d+$`));
    });

    it('checks the download against a pinned SHA-256 for amd64 and for arm64 before installing it', () => {
      const args = download?.args ?? '';

      expect(argDefault(stage, 'KUBECTL_SHA256_AMD64')).toMatch(/^[0-9a-f]{64}$/);
      expect(argDefault(stage, 'KUBECTL_SHA256_ARM64')).toMatch(/^[0-9a-f]{64}$/);
      expect(args).toContain('amd64) expected="${KUBECTL_SHA256_AMD64}"');
      expect(args).toContain('arm64) expected="${KUBECTL_SHA256_ARM64}"');
      expect(args.indexOf('sha256sum --check --strict')).toBeGreaterThan(args.indexOf('curl '));
      expect(args.indexOf('install -m 0755')).toBeGreaterThan(args.indexOf('sha256sum --check --strict'));
      expect(instructions(stage, 'SHELL')[0].args).toContain('pipefail');
    });

    it('fails the build for an architecture without a pinned checksum', () => {
      expect(download?.args).toMatch(/\*\) echo "[^"]*" >&2; exit 1 ;;/);
    });
  });

  describe('.dockerignore', () => {
    const patterns = readFileSync(DOCKERIGNORE_PATH, 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));

    it.each(['node_modules', 'dist', 'coverage', '.git', 'test', '.env', '.env.*', '**/*.spec.ts'])(
      'keeps %s out of the build context',
      (pattern) => {
        expect(patterns).toContain(pattern);
      },
    );

    it('keeps every file the Dockerfile copies from the context, and those files exist', () => {
      const fromContext = sut.stages.flatMap((stage) => copies(stage).filter((copy) => copy.from === undefined));
      const sources = fromContext.flatMap((copy) => copy.sources);

      expect(sources.length).toBeGreaterThan(0);
      for (const source of sources) {
        expect(patterns).not.toContain(source);
        expect(existsSync(resolve(REPO_ROOT, source))).toBe(true);
      }
    });
  });
});
