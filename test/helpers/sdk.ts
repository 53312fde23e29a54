// MX's Node SDK (mx-platform-node@2, v20111101) pointed at a simulator listening on a free port, configured
// as MX's README says (base path, client id and API key, headers through baseOptions) plus the
// Accept-Version header MX requires since 2026-08-12 (the SDK does not send it by itself). The server
// records every exchange as it sees it, for the contract checks.
import { Configuration } from 'mx-platform-node';
import { V1_MEDIA_TYPE } from '../../src/mx/versions.js';
import { startServer } from './server.js';

export async function startSdkServer(clientId: string, apiKey: string) {
  const server = await startServer({
    clients: [{ client_id: clientId, api_key: apiKey }],
    recordServerSide: true,
    socket: true,
  });
  // MX's README: "Configure with your Client ID/API Key" and "baseOptions: { headers: { Accept: … } }".
  const configuration = new Configuration({
    basePath: server.url,
    username: clientId,
    password: apiKey,
    baseOptions: { headers: { Accept: V1_MEDIA_TYPE, 'Accept-Version': 'v20111101' } },
  });
  return { server, configuration };
}
