/**
 * What the real server sends back, as data (docs/streamis-contract.md §2): the Linkis `Message` envelope
 * with its 1.7.0 HTTP mapping, the aspect's conversion of thrown exceptions, the validation
 * advice (HTTP 200), and Spring's own non-envelope errors.
 */

export interface Reply {
  httpStatus: number;
  /** Serialized as JSON unless `text` is set. */
  body: unknown;
  /** A raw body (e.g. a gateway's HTML error page). */
  text?: string;
  contentType?: string;
}

/** Linkis 1.7.0 `Message.messageToHttpStatus`. */
export const HTTP_OF_STATUS: Record<number, number> = { 0: 200, 1: 400, [-1]: 401, 2: 412, 3: 403, 4: 206 };

export function httpStatusOf(status: number): number {
  return HTTP_OF_STATUS[status] ?? 200;
}

/** Where the exception texts say the server is (LinkisException's ip/port/serviceKind). */
export interface ServerIdentity {
  ip: string;
  port: number;
}

export const SERVICE_KIND = 'streamis-server';

export function envelope(method: string, status: number, message: string, data: Record<string, unknown> = {}, httpStatus = httpStatusOf(status)): Reply {
  return { httpStatus, body: { method, status, message, data } };
}

export function ok(method: string, data: Record<string, unknown> = {}, message = 'OK'): Reply {
  return envelope(method, 0, message, data);
}

/** `Message.error(text)` returned by a controller: status 1, HTTP 400 on Linkis 1.7.0. */
export function error(method: string, message: string, data: Record<string, unknown> = {}): Reply {
  return envelope(method, 1, message, data);
}

/** `Message.error(text, throwable)`: the same, with the Java stack trace in data.stack. */
export function errorWithStack(method: string, message: string, throwable: string): Reply {
  return error(method, message, { stack: `${throwable}\n\tat com.webank.wedatasphere.streamis.jobmanager.sandbox(Sandbox.java:1)\n` });
}

/** A Linkis ErrorException's getMessage(): `errCode: <n> ,desc: <text> ,ip: <host> ,port: <port> ,serviceKind: <app>` */
export function linkisMessage(code: number, desc: string, server: ServerIdentity, serviceKind = SERVICE_KIND): string {
  return `errCode: ${code} ,desc: ${desc} ,ip: ${server.ip} ,port: ${server.port} ,serviceKind: ${serviceKind}`;
}

/** `ExceptionUtils.getRootCauseMessage` of a Linkis exception: `<ShortClass>: errCode: …` */
export function rootCauseOfLinkis(shortClass: string, code: number, desc: string, server: ServerIdentity): string {
  return `${shortClass}: ${linkisMessage(code, desc, server)}`;
}

/** An ErrorException thrown out of a controller, converted by SpringRestfulCatchAOP (`catchMsg`). */
export function thrown(method: string, code: number, desc: string, server: ServerIdentity): Reply {
  return error(method, `error code(错误码): ${code}, error message(错误信息): ${desc}.`, {
    errorMsg: { level: 2, errCode: code, desc, ip: server.ip, port: server.port, serviceKind: SERVICE_KIND },
  });
}

/** Any other throwable (NPE, NumberFormatException) thrown out of a controller. The stray `s` is Linkis's. */
export function generic(method: string, shortClass: string, message: string | null): Reply {
  return error(method, `operation failed(操作失败)s！the reason(原因)：${shortClass}: ${message ?? ''}`);
}

/** ValidExceptionHander: outside the aspect, so the HTTP status stays 200. */
export function advice(method: string, detail: string): Reply {
  return envelope(method, 1, `failed to validate request parameter, detail:${detail}`, {}, 200);
}

/** Spring's default error body for binding failures: not an envelope. */
export function springError(path: string, httpStatus: number, message: string): Reply {
  return {
    httpStatus,
    body: { timestamp: new Date().toISOString(), status: httpStatus, error: REASON[httpStatus] ?? 'Error', message, path },
  };
}

/** What the gateway answers when the token is missing or refused (never echoes the token). */
export function notLoggedIn(method: string, message: string): Reply {
  return envelope(method, -1, message, {});
}

/** An injected gateway failure: an nginx-style HTML page, not JSON. */
export function gatewayFailure(httpStatus: number): Reply {
  const reason = REASON[httpStatus] ?? 'Error';
  return {
    httpStatus,
    body: undefined,
    text: `<html>\r\n<head><title>${httpStatus} ${reason}</title></head>\r\n<body>\r\n<center><h1>${httpStatus} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
    contentType: 'text/html',
  };
}

const REASON: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** A handler that cannot go on throws one of these; the pipeline sends its reply. */
export class ReplyError extends Error {
  constructor(readonly reply: Reply) {
    super('reply');
    this.name = 'ReplyError';
  }
}
