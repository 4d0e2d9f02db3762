// Rules this project needs that no plugin has.

/**
 * A doc comment between `export` and what it documents (`export /** … *\/ function f`) is
 * attached to nothing: editors and the .d.ts files lose it. It belongs above `export`.
 */
const noOrphanDocComment = {
  meta: {
    type: 'problem',
    docs: { description: 'disallow a doc comment between export and its declaration' },
    messages: {
      orphan:
        'This doc comment sits between `export` and the declaration, so it documents nothing: move it above `export`.',
    },
    schema: [],
  },
  create(context) {
    const check = (node) => {
      if (!node.declaration) return;
      for (const comment of context.sourceCode.getCommentsBefore(node.declaration)) {
        if (
          comment.type === 'Block' &&
          comment.value.startsWith('*') &&
          comment.range[0] > node.range[0]
        ) {
          context.report({ loc: comment.loc, messageId: 'orphan' });
        }
      }
    };
    return { ExportNamedDeclaration: check, ExportDefaultDeclaration: check };
  },
};

export default { rules: { 'no-orphan-doc-comment': noOrphanDocComment } };
