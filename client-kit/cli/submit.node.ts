/** `kollen submit`: being written (issue 3). */
import { UsageError, type Command } from "./io.node.ts";

export const submit: Command = async () => {
  throw new UsageError("kollen submit is not available yet");
};
