/** Waiting in workerd tests for what a real lifecycle does in the background (a status, a task). */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, tries = 150): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
