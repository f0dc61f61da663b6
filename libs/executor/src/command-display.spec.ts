import { approvedForTest } from '../../safety/src/testing/approved-for-test';
import { displayCommand } from './command-display';

describe(displayCommand.name, () => {
  it.each([
    [['get', 'pods', '-n', 'x']],
    [['get', 'pods', '--selector=app in (a,b)', '$(rm -rf /)', "it's"]],
    [['create', 'job', 'x', '--image=busybox', '--', 'sh', '-c', 'echo hi; sleep 1']],
    [['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}']],
  ])('shows %j as the approval shows itself', (argv) => {
    expect(displayCommand(argv)).toBe(approvedForTest(argv).toString());
  });

  it('quotes an impersonated name with spaces so the line pastes into a shell as run', () => {
    expect(displayCommand(['--as=chatbot@example.com', '--as-group=team a', 'get', 'pods'])).toBe(
      "kubectl --as=chatbot@example.com '--as-group=team a' get pods",
    );
  });
});
