import { parseTasks, TaskFileError } from './eval-task';

describe(parseTasks.name, () => {
  it('reads YAML and JSON lists, with defaults for expect and compare_output', () => {
    const yaml = parseTasks('- { id: a, category: pods, prompt: list pods, reference: kubectl get pods }');
    const json = parseTasks('[{"id":"b","category":"refusals","prompt":"show secrets","reference":null,"expect":"refuse"}]');
    expect(yaml).toEqual([{ id: 'a', category: 'pods', prompt: 'list pods', reference: 'kubectl get pods', compareOutput: false, expect: 'pass' }]);
    expect(json[0]).toMatchObject({ id: 'b', reference: null, expect: 'refuse' });
  });

  it('accepts a { tasks: [...] } document and categories of the user\'s own', () => {
    expect(parseTasks('tasks:\n- { id: a, category: mine, prompt: p, reference: kubectl get pods }')).toHaveLength(1);
  });

  it.each([
    ['not a list', 'id: a'],
    ['an empty list', '[]'],
    ['a duplicate id', '- { id: a, category: c, prompt: p, reference: kubectl get pods }\n- { id: a, category: c, prompt: q, reference: kubectl get pods }'],
    ['a pass task without reference', '- { id: a, category: c, prompt: p }'],
    ['a bad expect', '- { id: a, category: c, prompt: p, reference: x, expect: maybe }'],
    ['a non-boolean compare_output', '- { id: a, category: c, prompt: p, reference: x, compare_output: "yes" }'],
    ['a missing prompt', '- { id: a, category: c, reference: x }'],
    ['broken YAML', '- { id: a'],
  ])('refuses %s with a TaskFileError', (_name, source) => {
    expect(() => parseTasks(source)).toThrow(TaskFileError);
  });
});
