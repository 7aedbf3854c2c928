/** Lantern's own ESLint rules (used by eslint.config.js): what no maintained plugin checks. */

/** Whether a handler does nothing: `() => {}`, `() => undefined` or `() => void 0`. */
function isEmptyHandler(fn) {
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return false;
  const body = fn.body;
  if (body.type === 'BlockStatement') return body.body.length === 0;
  if (body.type === 'Identifier') return body.name === 'undefined';
  return body.type === 'UnaryExpression' && body.operator === 'void' && body.argument.type === 'Literal';
}

/** `.catch(() => {})` and `.then(f, () => {})` swallow an error like an empty `catch {}`: they need a comment why. */
const noSilentCatch = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow empty promise rejection handlers without a comment saying why' },
    schema: [],
    messages: {
      silent:
        'This handler swallows the error: handle or report it, or say why it is safe to ignore in a comment (same line, line above or inside).',
    },
  },
  create(context) {
    const source = context.sourceCode;
    const commentLines = new Set(source.getAllComments().flatMap((c) => [c.loc.start.line, c.loc.end.line]));
    const explained = (fn) =>
      source.getCommentsInside(fn).length > 0 ||
      commentLines.has(fn.loc.start.line - 1) ||
      commentLines.has(fn.loc.start.line) ||
      commentLines.has(fn.loc.end.line);
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
        const index = callee.property.name === 'catch' ? 0 : callee.property.name === 'then' ? 1 : -1;
        const handler = index >= 0 ? node.arguments[index] : undefined;
        if (handler && isEmptyHandler(handler) && !explained(handler)) {
          context.report({ node: handler, messageId: 'silent' });
        }
      },
    };
  },
};

/** The plugin object eslint.config.js registers as `lantern`. */
export const lanternRules = { rules: { 'no-silent-catch': noSilentCatch } };
