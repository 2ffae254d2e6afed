// The storage under the store: named objects, nothing else. The content layer (packs, indexes, chunk lists,
// manifests) is written over this interface only, so any place that can keep named objects can hold a store:
// a local folder first, object storage later. Hence no rename, no append and no folders: an object is staged
// whole (from a buffer, a stream or a finished local file), stays invisible until it is published, and
// publishing makes many staged objects durable and visible at once (a folder: one flush, then renames; an
// object store: completing the uploads).
import type { Readable } from 'node:stream';

/** Object names: slash-separated segments of [A-Za-z0-9._-], none of them `.` or `..`. */
export const OBJECT_NAME = /^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

/** An object written but not yet visible: hand it to publish or discard. */
export interface StagedObject {
  readonly name: string;
  /** Bytes of the object. */
  readonly size: number;
}

export interface ByteRange {
  offset: number;
  length: number;
}

export interface ObjectInfo {
  name: string;
  size: number;
}

export interface StoreBackend {
  /** Where it is, for messages. */
  readonly where: string;
  /**
   * A fresh path in a local folder for scratch files (a pack being filled), which exists: a file made there
   * can be staged without a copy when the backend is a folder on the same filesystem.
   */
  scratchFile(): Promise<string>;
  /** Writes the object's whole content, invisibly; `{ file }` takes over a finished file from scratchFile. */
  stage(name: string, source: Buffer | Readable | { file: string }): Promise<StagedObject>;
  /**
   * Makes every staged object durable, then visible under its name (replacing one of the same name), in the
   * order given; when it resolves they survive a crash or a power cut. A crash before then leaves each either
   * invisible or whole, never partial.
   */
  publish(objects: StagedObject[]): Promise<void>;
  /** Drops staged objects that will not be published. */
  discard(objects: StagedObject[]): Promise<void>;
  /** The object's bytes (a range of them), or null when there is no such object. */
  get(name: string, range?: ByteRange): Promise<Buffer | null>;
  /** The object's bytes as a stream; it errors with code ENOENT when there is no such object. */
  stream(name: string, range?: ByteRange): Readable;
  /** Size of the object, or null when absent. */
  stat(name: string): Promise<ObjectInfo | null>;
  has(name: string): Promise<boolean>;
  /** Removes the object, durably; nothing when it is absent. */
  delete(name: string): Promise<void>;
  /** The name of every published object that starts with `prefix`, in name order. */
  list(prefix: string): AsyncIterable<string>;
  /** Removes staged objects left by a process that died before publishing them. */
  cleanStaged(): Promise<void>;
  /**
   * The local file holding a published object, when the backend is a local folder: worker threads read
   * ranges of it directly. Object stores leave it out.
   */
  localPath?(name: string): string;
}

export function checkName(name: string): string {
  if (!OBJECT_NAME.test(name)) throw new Error(`"${name}" is not a valid object name.`);
  return name;
}
