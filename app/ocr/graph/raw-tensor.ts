/** Constants of any element type (the int8, uint8 and int32 tensors of a quantised graph), as raw little-endian data. */
import { constantNode, type OnnxNode } from './onnx-graph';
import { bytesField, encodeFields, stringField, varintField } from './protobuf-wire';

/** onnx.TensorProto.DataType codes the quantisation writes. */
export const TENSOR_TYPE = { float: 1, uint8: 2, int8: 3, int32: 6, int64: 7 } as const;

/** A Constant node that outputs `data` (a typed array of `type`, little-endian host assumed) as `name`. */
export function rawConstantNode(
  name: string,
  type: number,
  dims: readonly number[],
  data: ArrayBufferView,
): OnnxNode {
  const raw = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  const tensor = encodeFields([
    ...dims.map((d) => varintField(1, d)),
    varintField(2, type),
    bytesField(9, raw),
  ]);
  const base = constantNode(name, { dims: [], data: new Float32Array(1) });
  const value = {
    name: 'value',
    fields: [stringField(1, 'value'), bytesField(5, tensor), varintField(20, 4)],
  };
  return { ...base, attrs: [value] };
}
