import { useRef, useState } from "preact/hooks";
import {
  HoldKind, MaterialType, newRequestId, QuantityUnit, SampleState, type Sample, type SampleLineage, type StorageUnit,
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
  const [lineage, setLineage] = useState<SampleLineage | null>(null);
  // The forms keep what was typed until they succeed: a refusal loses nothing.
  const [useAmount, setUseAmount] = useState("");
  const [usePurpose, setUsePurpose] = useState("");
  const [aliquotCount, setAliquotCount] = useState("");
  const [aliquotVolume, setAliquotVolume] = useState("");
  const [aliquotBox, setAliquotBox] = useState("");
  const [aliquotPrefix, setAliquotPrefix] = useState("");
  const positionInput = useRef<HTMLInputElement>(null);
  const barcodeInput = useRef<HTMLInputElement>(null);
  // A scanner types into the field with focus: the next scan replaces what is there.
  const scanNext = (input: HTMLInputElement | null) => setTimeout(() => input?.select());

  const show = async (found: Sample) => {
    setSample(found);
    const unit = found.storagePosition?.storageUnit;
    setBox(unit ? await client.storage.getStorageUnit({ name: unit }) : null);
    setLineage(await client.samples.getSampleLineage({ name: found.name }));
  };

  const openOther = async (other: Sample) => {
    setRefusal("");
    setMessage("");
    setBarcode(other.barcode);
    try {
      await show(await client.samples.getSample({ name: other.name }));
    } catch (error) {
      setRefusal(describe(error));
    }
  };

  const unitOf = (found: Sample): string => unitSymbols[found.quantity?.unit ?? QuantityUnit.UNSPECIFIED] ?? "";
  const amountOf = (text: string): number => Number(text.trim().replace(",", "."));

  const recordUse = async (event: Event) => {
    event.preventDefault();
    if (!sample) {
      return;
    }
    setRefusal("");
    setMessage("");
    const value = amountOf(useAmount);
    if (!(value > 0)) {
      setRefusal(t("amountFormat"));
      return;
    }
    try {
      const used = await client.samples.recordSampleUse({
        requestId: newRequestId(), name: sample.name, etag: sample.etag, purpose: usePurpose.trim(),
        quantity: { value, unit: sample.quantity?.unit ?? QuantityUnit.UNSPECIFIED },
      });
      setMessage(t("useRecorded", { amount: `${value} ${unitOf(used)}`.trim(), left: `${used.quantity?.value ?? 0} ${unitOf(used)}`.trim() }));
      setUseAmount("");
      setUsePurpose("");
      await show(used);
    } catch (error) {
      setRefusal(describe(error));
    }
  };

  const aliquot = async (event: Event) => {
    event.preventDefault();
    if (!sample) {
      return;
    }
    setRefusal("");
    setMessage("");
    const count = Number(aliquotCount.trim());
    const value = amountOf(aliquotVolume);
    if (!Number.isInteger(count) || count < 1 || count > 384 || !(value > 0)) {
      setRefusal(t("aliquotFormat"));
      return;
    }
    try {
      const boxName = `storageUnits/${idOf(aliquotBox.trim() || (box ? box.name : ""))}`;
      const target = await client.storage.getStorageUnit({ name: boxName });
      const free = freePositions(target);
      if (free.length < count) {
        setRefusal(t("boxTooFull", { box: idOf(target.name), free: free.length }));
        return;
      }
      const prefix = aliquotPrefix.trim() || `${sample.barcode}-`;
      const made = await client.samples.aliquotSample({
        requestId: newRequestId(), name: sample.name, etag: sample.etag,
        aliquots: free.slice(0, count).map((position, index) => ({
          barcode: `${prefix}${index + 1}`,
          quantity: { value, unit: sample.quantity?.unit ?? QuantityUnit.UNSPECIFIED },
          storagePosition: { storageUnit: target.name, position },
        })),
      });
      setMessage(t("aliquoted", {
        count: made.aliquots.length,
        where: made.aliquots.map((a) => `${a.barcode} ${idOf(a.storagePosition?.storageUnit ?? "")}:${a.storagePosition?.position ?? ""}`).join(", "),
      }));
      setAliquotCount("");
      setAliquotVolume("");
      await show(made.parent!);
    } catch (error) {
      setRefusal(describe(error));
    }
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
          <form class="scan" aria-label={t("recordUse")} onSubmit={recordUse}>
            <label>
              {t("amountUsed", { unit: unitOf(sample) })}
              <input name="use-amount" inputMode="decimal" autocomplete="off" value={useAmount} onInput={(event) => setUseAmount(event.currentTarget.value)} />
            </label>
            <label>
              {t("usePurpose")}
              <input name="use-purpose" autocomplete="off" maxLength={500} value={usePurpose} onInput={(event) => setUsePurpose(event.currentTarget.value)} />
            </label>
            <button type="submit">{t("recordUse")}</button>
          </form>
          <form class="scan" aria-label={t("aliquot")} onSubmit={aliquot}>
            <label>
              {t("aliquotCount")}
              <input name="aliquot-count" type="number" min={1} max={384} value={aliquotCount} onInput={(event) => setAliquotCount(event.currentTarget.value)} />
            </label>
            <label>
              {t("aliquotVolume", { unit: unitOf(sample) })}
              <input name="aliquot-volume" inputMode="decimal" autocomplete="off" value={aliquotVolume} onInput={(event) => setAliquotVolume(event.currentTarget.value)} />
            </label>
            <label>
              {t("aliquotBox")}
              <input name="aliquot-box" autocomplete="off" placeholder={box ? idOf(box.name) : ""} value={aliquotBox} onInput={(event) => setAliquotBox(event.currentTarget.value)} />
            </label>
            <label>
              {t("aliquotPrefix")}
              <input name="aliquot-prefix" autocomplete="off" placeholder={`${sample.barcode}-`} value={aliquotPrefix} onInput={(event) => setAliquotPrefix(event.currentTarget.value)} />
            </label>
            <button type="submit">{t("aliquot")}</button>
          </form>
          {lineage && lineage.sample?.name === sample.name && <Lineage lineage={lineage} onOpen={openOther} />}
        </article>
      )}
      {sample && box && <BoxGrid box={box} current={sample.name} onPick={(position) => move(`${idOf(box.name)}:${position}`)} />}
    </section>
  );
}

const rowLetter = (row: number): string => String.fromCharCode(65 + row);

/** A box's free positions, row by row: A1, A2, … then B1. */
export function freePositions(box: StorageUnit): string[] {
  const occupied = new Set(box.occupiedPositions.map((occupancy) => occupancy.position));
  const free: string[] = [];
  for (let r = 0; r < box.rows; r++) {
    for (let c = 0; c < box.columns; c++) {
      const position = `${rowLetter(r)}${c + 1}`;
      if (!occupied.has(position)) {
        free.push(position);
      }
    }
  }
  return free;
}

/** Where a sample comes from and what was made from it; each one opens with a click or Enter. */
function Lineage({ lineage, onOpen }: { lineage: SampleLineage; onOpen: (sample: Sample) => void }) {
  const item = (other: Sample) => (
    <li>
      <button type="button" aria-label={t("openSample", { barcode: other.barcode })} onClick={() => onOpen(other)}>{other.barcode}</button>
      {" "}({SampleState[other.state]}, {other.quantity?.value} {unitSymbols[other.quantity?.unit ?? QuantityUnit.UNSPECIFIED] ?? ""}
      {other.storagePosition ? `, ${idOf(other.storagePosition.storageUnit)}:${other.storagePosition.position}` : ""})
    </li>
  );
  return (
    <section aria-labelledby="lineage-title" class="lineage">
      <h2 id="lineage-title">{t("lineage")}</h2>
      <h3>{t("ancestors")}</h3>
      {lineage.ancestors.length === 0 ? <p>{t("noAncestors")}</p> : <ul aria-label={t("ancestors")}>{lineage.ancestors.map(item)}</ul>}
      <h3>{t("descendants")}</h3>
      {lineage.descendants.length === 0 ? <p>{t("noDescendants")}</p> : <ul aria-label={t("descendants")}>{lineage.descendants.map(item)}</ul>}
    </section>
  );
}

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
