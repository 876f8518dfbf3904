import { createSecretBox, type SecretBox } from "@/lib/core/secret-box";
import { env } from "@/lib/env";

let box: SecretBox | undefined;

/** Links are sealed to their recipient: a sealed link copied onto another row does not open there. */
function linkBox(): SecretBox {
  box ??= createSecretBox(env().AUTH_SECRET, "email-link");
  return box;
}

export function sealLink(url: string, recipient: string): string {
  return linkBox().seal(url, recipient.toLowerCase());
}

/** The link, or null when it was sealed under another AUTH_SECRET or for another recipient. */
export function openLink(sealed: string, recipient: string): string | null {
  return linkBox().open(sealed, recipient.toLowerCase());
}
