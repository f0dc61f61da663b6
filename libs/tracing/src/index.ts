export { ATTRIBUTES, SPAN_NAMES } from './span-names';
export {
  activeSpanContext,
  activeTraceId,
  errorType,
  markFailed,
  startSpan,
  traced,
  type Attributes,
  type Span,
  type SpanContext,
  type TracedOptions,
} from './traced';
