import { useRef, useState } from "preact/hooks";
import {
  HoldKind, MaterialType, newRequestId, QuantityUnit, SampleState, type Sample, type StorageUnit,
} from "@biobank/client";
import { t } from "../i18n";
import { describe } from "../refusals";
import { biobank, idOf, type Session } from "../session";

const unitSymbols: Partial<Record<QuantityUnit, string>> = {
  [QuantityUnit.MILLILITRE]: "mL", [QuantityUnit.MICROLITRE]: "µL", [QuantityUnit.MILLIGRAM]: "mg",
  [QuantityUnit.MICROGRAM]: "µg", [QuantityUnit.CELLS]: "cells", [QuantityUnit.COUNT]: "",
};

/** A position label as printed on boxes and typed by scanners: "BOX:A1". */
function parsePosition(label: string): { storageUnit: string; position: string } | null {
  const match = /^(?:storageUnits\/)?([^:\s]+):([A-Za-z]+\d+)$/.exec(label.trim());
  return match ? { storageUnit: `storageUnits/${match[1]}`, position: match[2]!.toUpperCase() } : null;
}

/**
 * Samples at the bench: scan a barcode (a scanner types it and presses Enter) to open the sample,
 * then scan its new position, or pick a free position in its box's grid, to move it there.
 */
export function Samples({ session }: { session: Session }) {
  const client = biobank(session);
  const [barcode, setBarcode] = useState("");
  const [sample, setSample] = useState<Sample | null>(null);
  const [box, setBox] = useState<StorageUnit | null>(null);
  const [target, setTarget] = useState("");
  const [message, setMessage] = useState("");
  const [refusal, setRefusal] = useState("");
  const positionInput = useRef<HTMLInputElement>(null);
  const barcodeInput = useRef<HTMLInputElement>(null);
  // A scanner types into the field with focus: the next scan replaces what is there.
  const scanNext = (input: HTMLInputElement | null) => setTimeout(() => input?.select());

  const show = async (found: Sample) => {
    setSample(found);
    const unit = found.storagePosition?.storageUnit;
    setBox(unit ? await client.storage.getStorageUnit({ name: unit }) : null);
  };

  const open = async (event: Event) => {
    event.preventDefault();
    setRefusal("");
    setMessage("");
    try {
      await show(await client.samples.lookupSample({ barcode: barcode.trim() }));
      scanNext(positionInput.current);
    } catch (error) {
      setSample(null);
      setBox(null);
      setRefusal(describe(error));
      scanNext(barcodeInput.current);
    }
  };

  const move = async (label: string) => {
    if (!sample) {
      return;
    }
    setRefusal("");
    setMessage("");
    const position = parsePosition(label);
    if (!position) {
      setRefusal(t("positionFormat"));
      return;
    }
    try {
      const moved = await client.samples.moveSample({ requestId: newRequestId(), name: sample.name, storagePosition: position, etag: sample.etag });
      setMessage(t("moved", { barcode: moved.barcode, position: `${idOf(position.storageUnit)}:${position.position}` }));
      setTarget("");
      await show(moved);
      scanNext(barcodeInput.current);
    } catch (error) {
      setRefusal(describe(error));
      scanNext(positionInput.current);
    }
  };

  return (
    <section aria-labelledby="samples-title">
      <h1 id="samples-title">{t("samples")}</h1>
      <form onSubmit={open} class="scan">
        <label>
          {t("scanSample")}
          <input name="barcode" ref={barcodeInput} autoFocus autocomplete="off" value={barcode} onInput={(event) => setBarcode(event.currentTarget.value)} />
        </label>
        <button type="submit">{t("open")}</button>
      </form>
      {message && <p role="status" class="success">{message}</p>}
      {refusal && <p role="alert" class="refusal">{refusal}</p>}
      {sample && (
        <article aria-label={sample.barcode} class="sample">
          <dl>
            <dt>{t("barcode")}</dt><dd>{sample.barcode}</dd>
            <dt>{t("state")}</dt><dd data-field="state">{SampleState[sample.state]}</dd>
            <dt>{t("quantity")}</dt><dd>{sample.quantity?.value} {unitSymbols[sample.quantity?.unit ?? QuantityUnit.UNSPECIFIED] ?? ""}</dd>
            <dt>{t("material")}</dt><dd>{MaterialType[sample.materialType]}</dd>
            <dt>{t("custodian")}</dt><dd>{idOf(sample.custodianOrganisation)}</dd>
            <dt>{t("location")}</dt>
            <dd data-field="location">{sample.storagePosition ? `${idOf(sample.storagePosition.storageUnit)}:${sample.storagePosition.position}` : t("notStored")}</dd>
            <dt>{t("holds")}</dt>
            <dd>{sample.holds.length === 0 ? t("noHolds") : sample.holds.map((hold) => `${HoldKind[hold.kind]}: ${hold.reason}`).join("; ")}</dd>
          </dl>
          <form class="scan" onSubmit={(event) => { event.preventDefault(); void move(target); }}>
            <label>
              {t("scanPosition")}
              <input name="position" ref={positionInput} autocomplete="off" value={target} onInput={(event) => setTarget(event.currentTarget.value)} />
            </label>
            <button type="submit">{t("move")}</button>
          </form>
        </article>
      )}
      {sample && box && <BoxGrid box={box} current={sample.name} onPick={(position) => move(`${idOf(box.name)}:${position}`)} />}
    </section>
  );
}

const rowLetter = (row: number): string => String.fromCharCode(65 + row);

/** A box drawn as its grid: occupied positions, the sample's own, and free ones to move it to. */
export function BoxGrid({ box, current, onPick }: { box: StorageUnit; current: string; onPick: (position: string) => void }) {
  const occupied = new Map(box.occupiedPositions.map((occupancy) => [occupancy.position, occupancy.sample]));
  return (
    <figure class="box">
      <figcaption>{t("box", { box: `${box.displayName} (${idOf(box.name)})` })}</figcaption>
      <table class="grid">
        <thead>
          <tr><th scope="col" />{Array.from({ length: box.columns }, (_, c) => <th scope="col">{c + 1}</th>)}</tr>
        </thead>
        <tbody>
          {Array.from({ length: box.rows }, (_, r) => (
            <tr>
              <th scope="row">{rowLetter(r)}</th>
              {Array.from({ length: box.columns }, (_, c) => {
                const position = `${rowLetter(r)}${c + 1}`;
                const sample = occupied.get(position);
                if (sample === current) {
                  return <td class="cell current" aria-label={t("position", { position, what: t("thisSample") })} />;
                }
                if (sample) {
                  return <td class="cell occupied" title={idOf(sample)} aria-label={t("position", { position, what: t("occupiedPosition") })} />;
                }
                return (
                  <td class="cell free">
                    <button type="button" aria-label={t("moveToPosition", { position })} onClick={() => onPick(position)} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
