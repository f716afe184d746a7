// A refusal in plain words, from the error's reason and metadata: which rule, with its values in
// the instrument's time zone; never a raw status code.
import { BiobankError, Code } from "@biobank/client";
import { isWord, t } from "./i18n";
import { formatMoment } from "./time";

const durationMinutes = (seconds: string | undefined): string =>
  seconds ? String(Math.round(Number(seconds) / 60)) : "?";

export function describe(reason: unknown, zone: string = Intl.DateTimeFormat().resolvedOptions().timeZone): string {
  const error = BiobankError.from(reason);
  const metadata = error.metadata;
  const moment = (value: string | undefined): string =>
    !value ? "?" : value === "infinity" ? t("openEnd") : formatMoment(new Date(value), zone);
  const conflict = `conflict_${metadata.conflict_kind}`;
  const values: Record<string, string> = {
    ...metadata,
    kind: isWord(conflict) ? t(conflict) : (metadata.conflict_kind ?? ""),
    start: moment(metadata.conflict_start),
    end: moment(metadata.conflict_end),
    earliest: moment(metadata.earliest_start),
    latest: moment(metadata.latest_start),
    min: durationMinutes(metadata.min_duration),
    max: durationMinutes(metadata.max_duration),
    fields: error.fieldViolations.map((violation) => `${violation.field}: ${violation.description}`).join("; "),
    reason: error.reason || Code[error.code],
  };
  const word = `error_${error.reason}`;
  if (isWord(word)) {
    return t(word, values);
  }
  return error.code === Code.Unavailable || error.code === Code.DeadlineExceeded ? t("error_unreachable") : t("error_other", values);
}

/** Why an occurrence of a series was skipped, from its reason; the server's description otherwise. */
export function describeReason(reason: string, description: string): string {
  const word = `skipped_${reason}`;
  return isWord(word) ? t(word) : description || reason;
}
