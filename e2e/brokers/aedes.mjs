// aedes (npm), an MQTT 3.1.1 broker in Node, for the real-client and class tests: plain MQTT
// on TCP_PORT and MQTT over WebSocket on WS_PORT, both on 127.0.0.1, state in memory.
// Usage: node e2e/brokers/aedes.mjs TCP_PORT WS_PORT
import { Aedes } from 'aedes';
import { createServer } from 'aedes-server-factory';

const [tcpPort, wsPort] = process.argv.slice(2).map(Number);
if (!tcpPort || !wsPort) {
  console.error('usage: node e2e/brokers/aedes.mjs TCP_PORT WS_PORT');
  process.exit(2);
}
const broker = await Aedes.createBroker();
createServer(broker).listen(tcpPort, '127.0.0.1');
createServer(broker, { ws: true }).listen(wsPort, '127.0.0.1');
console.error(`aedes on 127.0.0.1:${tcpPort} (mqtt) and :${wsPort} (ws)`);
const stop = () => broker.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
