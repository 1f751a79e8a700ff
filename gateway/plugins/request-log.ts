import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../../platform/logging';
import type { GatewayContext } from '../gateway-context';

/**
 * An operation name is the client's text: logged only when it looks like a name and carries no
 * long run of digits, so a name cannot smuggle a SNILS or an OMS number into the logs.
 */
function loggableName(name: string | null | undefined): string | null {
  if (!name) return null;
  return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) && !/\d{5,}/.test(name) ? name : '[not logged]';
}

/**
 * One log line per request: its id, the operation's name, the principal's kind, how long it took
 * and the error codes it answered with. Never the variables, the document or the data: they carry
 * personal data. Requests refused before a context exists (a bad token, a rate limit) are logged
 * with their code only.
 */
export function useRequestLog(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async contextCreationDidFail({ error }) {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      logger.info({ errors: [String(code ?? 'UNKNOWN')] }, 'graphql request refused');
    },
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName, errors }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const codes = [...new Set((body?.errors ?? errors ?? []).map((e) => String(e.extensions?.code ?? 'UNKNOWN')))];
          contextValue.logger.info(
            { operation: loggableName(operationName), principal: contextValue.principal.kind, ms: Math.round(performance.now() - started), errors: codes.length ? codes : undefined },
            'graphql request',
          );
        },
      };
    },
  };
}
