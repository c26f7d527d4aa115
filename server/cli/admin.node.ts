/** `kollen admin`: being written (issue 3). */
import { UsageError, type Command } from "../../client-kit/cli/io.node.ts";

export const admin: Command = async () => {
  throw new UsageError("kollen admin is not available yet");
};
