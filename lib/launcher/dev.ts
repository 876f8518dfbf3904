import { localAppEnv, prepareDatabase } from "./prepare";
import { nextBin, startNode, startWorker, supervise } from "./processes";

const database = await prepareDatabase();
console.log(`Database: ${database.label}`);
const env = await localAppEnv(database.url);
supervise([startNode("next dev", [nextBin, "dev", "-p", "3000"], env), startWorker(env)], () => database.stop());
