// zod failures → one 400 whose message names each field and what is wrong with it.
import type { Hook, z } from '@hono/zod-openapi';
import { errors } from '../errors.js';

const WHERE: Record<string, string> = { json: 'body', query: 'query', param: 'path', header: 'header' };

export function describeIssues(issues: readonly z.core.$ZodIssue[], target: string): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.') || WHERE[target] || target;
      const what = /received undefined$/.test(issue.message)
        ? `is required (${issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')})`
        : issue.message.replace(/^Invalid input: /, '');
      return `${path}: ${what}`;
    })
    .join('; ');
}

export const validationHook: Hook<any, any, any, any> = (result) => {
  if (!result.success) throw errors.validation(describeIssues(result.error.issues, result.target));
};
