// SPDX-License-Identifier: EUPL-1.2
// A real OpenID Connect provider (oidc-provider) on 127.0.0.1 for Escale's end-to-end login
// tests, shaped like ProConnect: claims given_name, usual_name, email, uid and siret, each
// asked for as a scope; userinfo signed as a JWT for the main client.
//
//   node provider.mjs --redirect-uri URL --post-logout-uri URL [--port N]
//
// Prints one JSON line {"issuer": ...} once listening. Test-only endpoints on the same
// server (loopback only, never in a real provider):
//   GET  /interaction/:uid          a minimal login page
//   POST /interaction/:uid/login    form "login=<email>": logs in and consents at once
//   POST /__control/next-id-token   {"mode": "tamper"|"wrong_aud"|"expired"|"wrong_nonce"}:
//        the next token response carries an ID token altered that way (re-signed with the
//        provider's own key, except "tamper", whose payload is changed under the original
//        signature)
import http from 'node:http';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';
import { generateKeyPair, exportJWK, SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'redirect-uri': { type: 'string' },
    'post-logout-uri': { type: 'string' },
    'client-secret': { type: 'string', default: 'escale-test-client-secret-0123456789' },
  },
});
if (!args['redirect-uri'] || !args['post-logout-uri']) {
  console.error('usage: node provider.mjs --redirect-uri URL --post-logout-uri URL [--port N]');
  process.exit(2);
}

// ProConnect gives each application its own subject; accounts here are keyed by it.
const accounts = {
  'pc-sub-gestionnaire': {
    email: 'Gestionnaire@Pilote.Escale.Test', given_name: 'Gaëlle', usual_name: 'Gestion', uid: '1001', siret: '13002526500013',
  },
  'pc-sub-inconnu': {
    email: 'personne.inconnue@interieur.gouv.fr', given_name: 'Paul', usual_name: 'Inconnu', uid: '1002', siret: '13002526500013',
  },
  'pc-sub-nouvelle': {
    email: 'Nora.Arrivee@Interieur.Gouv.fr', given_name: 'Nora', usual_name: 'Arrivée', uid: '1003', siret: '13002526500013',
  },
};
const accountByEmail = (email) => Object.keys(accounts).find((id) => accounts[id].email.toLowerCase() === email.toLowerCase());

// Signing keys, made at start: one RSA (RS256) and one EC P-256 (ES256).
const privateKeys = {};
const jwks = { keys: [] };
for (const [alg, kid] of [['RS256', 'test-rsa-1'], ['ES256', 'test-ec-1']]) {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  privateKeys[kid] = privateKey;
  jwks.keys.push({ ...(await exportJWK(privateKey)), kid, alg, use: 'sig' });
}

const server = http.createServer();
await new Promise((resolve) => server.listen(Number(args.port), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const client = {
  client_secret: args['client-secret'],
  redirect_uris: [args['redirect-uri']],
  post_logout_redirect_uris: [args['post-logout-uri']],
  response_types: ['code'],
  grant_types: ['authorization_code'],
};
const provider = new Provider(issuer, {
  clients: [
    // Like ProConnect: ID token RS256, userinfo as a signed JWT (ES256), secret in the body or Basic.
    { ...client, client_id: 'escale', id_token_signed_response_alg: 'RS256', userinfo_signed_response_alg: 'ES256' },
    // A plainer provider: ID token ES256, userinfo as JSON.
    { ...client, client_id: 'escale-json', id_token_signed_response_alg: 'ES256' },
  ],
  jwks,
  scopes: ['openid', 'email', 'given_name', 'usual_name', 'uid', 'siret'],
  claims: {
    openid: ['sub'], email: ['email'], given_name: ['given_name'], usual_name: ['usual_name'], uid: ['uid'], siret: ['siret'],
  },
  async findAccount(ctx, id) {
    if (!accounts[id]) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...accounts[id] }; } };
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    jwtUserinfo: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  pkce: { required: () => true },
  cookies: { keys: ['escale-oidc-test-cookie-key'] },
  ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
});

// One-shot alteration of the next token response's ID token.
let nextMode = null;
async function alter(idToken, mode) {
  const header = decodeProtectedHeader(idToken);
  const claims = decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  if (mode === 'tamper') {
    const [h, , s] = idToken.split('.');
    const forged = { ...claims, sub: 'pc-sub-gestionnaire', email: 'admin@pilote.escale.test' };
    return [h, Buffer.from(JSON.stringify(forged)).toString('base64url'), s].join('.');
  }
  if (mode === 'wrong_aud') claims.aud = 'another-application';
  else if (mode === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  else if (mode === 'wrong_nonce') claims.nonce = 'a-nonce-from-another-login-attempt-0123456789';
  else throw new Error(`unknown mode ${mode}`);
  return new SignJWT(claims).setProtectedHeader(header).sign(privateKeys[header.kid]);
}
provider.use(async (ctx, next) => {
  await next();
  if (ctx.oidc?.route === 'token' && nextMode && ctx.body?.id_token) {
    const mode = nextMode;
    nextMode = null;
    ctx.body = { ...ctx.body, id_token: await alter(ctx.body.id_token, mode) };
  }
});

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c) => { data += c; });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function send(res, status, type, body) {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.end(body);
}

const callback = provider.callback();
server.on('request', async (req, res) => {
  try {
    const url = new URL(req.url, issuer);
    let m;
    if (req.method === 'POST' && url.pathname === '/__control/next-id-token') {
      nextMode = JSON.parse(await readBody(req)).mode;
      return send(res, 200, 'application/json', JSON.stringify({ mode: nextMode }));
    }
    if (req.method === 'GET' && (m = url.pathname.match(/^\/interaction\/([\w-]+)$/))) {
      const details = await provider.interactionDetails(req, res);
      return send(res, 200, 'text/html; charset=utf-8',
        `<!doctype html><title>Connexion (test)</title><form method="post" action="/interaction/${details.uid}/login">` +
        '<label>Adresse <input name="login"></label><button>Se connecter</button></form>');
    }
    if (req.method === 'POST' && (m = url.pathname.match(/^\/interaction\/([\w-]+)\/login$/))) {
      const details = await provider.interactionDetails(req, res);
      const login = new URLSearchParams(await readBody(req)).get('login') || '';
      const accountId = accountByEmail(login);
      if (!accountId) {
        return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'compte inconnu' },
          { mergeWithLastSubmission: false });
      }
      const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } },
        { mergeWithLastSubmission: false });
    }
    return callback(req, res);
  } catch (err) {
    console.error(err);
    return send(res, 500, 'text/plain', String(err));
  }
});

console.log(JSON.stringify({ issuer }));
