import { localAppEnv, prepareDatabase } from "./prepare";
import { nextBin, startNode, supervise } from "./processes";

const database = await prepareDatabase();
console.log(`Database: ${database.label}`);
supervise([startNode("next dev", [nextBin, "dev", "-p", "3000"], await localAppEnv(database.url))], () => database.stop());
