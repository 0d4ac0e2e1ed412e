/** Whether the extension may see a host's cookies, as the browser last said, until permissions change. */
export type HostAccess = {
  /** The browser's answer for `host`, asked once and kept until `forget`. */
  has(host: string): Promise<boolean>;
  /** Drops every kept answer: a permission was granted or removed. */
  forget(): void;
};

/**
 * A memo of the browser's permission answers: the popup's request asks for its site's access at
 * every open, and each ask is a round trip to the browser while it loads the popup. The browser
 * stays the source of truth: the memo is dropped whenever a permission is added or removed
 * (permissions.onAdded/onRemoved, heard by the worker), starts empty at each wake, and an answer
 * that was under way when it was dropped is not kept.
 */
export function createHostAccess(ask: (host: string) => Promise<boolean>): HostAccess {
  let answers = new Map<string, Promise<boolean>>();
  return {
    has(host) {
      const known = answers.get(host);
      if (known) return known;
      const memo = answers;
      const answer = ask(host);
      memo.set(host, answer);
      // A failed ask is asked again next time.
      answer.catch(() => memo.get(host) === answer && memo.delete(host));
      return answer;
    },
    forget() {
      answers = new Map();
    },
  };
}
