// Only in the bench build (see next.config.ts): the save of 「保存」 as a bare route handler, the baseline that
// `npm run bench -- save` measures the server action against. Same session check, command and transaction.
import { authorizedAction } from "@/lib/authz/action";
import { saveRowCommand } from "@/lib/roster/commands";

export async function POST(request: Request): Promise<Response> {
  return Response.json(await authorizedAction(saveRowCommand, await request.json()));
}
