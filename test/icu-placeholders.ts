// The placeholders of an ICU message (arguments, numbers, dates, selects and plurals, and those
// inside their options and tags), so two catalogues can be checked to ask for the same values.
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

export function placeholders(elements: readonly MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) out.add(element.value);
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      out.add(element.value);
      for (const option of Object.values(element.options)) placeholders(option.value, out);
    }
    if (element.type === TYPE.tag) {
      out.add(`<${element.value}>`);
      placeholders(element.children, out);
    }
  }
  return out;
}
