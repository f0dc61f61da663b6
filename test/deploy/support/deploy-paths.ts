import { resolve } from 'node:path';

/** Where the deployment files live, resolved from this file so the specs run from any cwd. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const DOCKER_DIR = resolve(REPO_ROOT, 'docker');
export const DOCKERFILE_PATH = resolve(DOCKER_DIR, 'Dockerfile');
export const DOCKERIGNORE_PATH = resolve(REPO_ROOT, '.dockerignore');
export const COMPOSE_PATH = resolve(DOCKER_DIR, 'docker-compose.yml');
export const K8S_DIR = resolve(DOCKER_DIR, 'k8s');
export const ENV_SAMPLE_PATH = resolve(REPO_ROOT, '.env-sample');
