/** `kollen serve`: being written (issue 3). */
import { UsageError, type Command } from "../../client-kit/cli/io.node.ts";

export const serve: Command = async () => {
  throw new UsageError("kollen serve is not available yet");
};
