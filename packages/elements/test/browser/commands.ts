/** WTR's built-in server commands (send-keys, set-viewport, emulate-media…), without @web/test-runner-commands. */
export async function serverCommand(command: string, payload: unknown): Promise<void> {
  const session = new URL(location.href).searchParams.get('wtr-session-id');
  const ws = (await import(/* @vite-ignore */ '/__web-dev-server__web-socket.js' as string)) as {
    sendMessageWaitForResponse(m: unknown): Promise<{ executed: boolean }>;
  };
  const r = await ws.sendMessageWaitForResponse({
    type: 'wtr-command',
    sessionId: session,
    command,
    payload,
  });
  if (!r.executed) throw new Error(`server command ${command} not executed`);
}

export const press = (key: string) => serverCommand('send-keys', { press: key });

/** The browser window's size, in CSS pixels. */
export const setViewport = (width: number, height: number) =>
  serverCommand('set-viewport', { width, height });
