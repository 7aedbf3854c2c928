/** The capture UI's strings, kept beside it (English reference, Simplified Chinese must have every key). */
import { useCallback } from 'react';
import { useI18n } from '../i18n/i18n';

const EN = {
  'capture.button': 'Capture screen',
  'capture.buttonBusy': 'Capturing…',
  'capture.dialog': 'Select a region',
  'capture.hint':
    'Drag over the text. Enter or double-click: whole image · arrows: move · Shift+arrows: resize · Esc: cancel',
  'capture.size': '{w} × {h}',
  'capture.running': 'Recognising the region…',
  'capture.warming': 'The engine is warming up; the region will be read as soon as it is ready.',
  'capture.copied': 'Copied {n} lines to the clipboard',
  'capture.copied.one': 'Copied 1 line to the clipboard',
  'capture.noText': 'No text found in the region.',
  'capture.copyFailed': 'Recognised, but could not copy: {msg}',
  'capture.failed': 'Capture failed: {msg}',
  'capture.denied': 'Screen capture was refused or cancelled.',
  'capture.unsupported':
    'This browser cannot capture the screen (getDisplayMedia is missing or the page is not secure).',
  'capture.result': 'Captured text',
  'capture.dismiss': 'Dismiss',
  'capture.settings': 'Screen capture',
  'capture.shortcut': 'Capture shortcut',
  'capture.shortcutHint':
    'An Electron accelerator such as CommandOrControl+Alt+Shift+O; empty = no shortcut. One another app owns is not saved, and the current one stays.',
  'capture.save': 'Save shortcut',
  'capture.saved': 'Saved',
  'capture.saveFailed': 'Could not save: {msg}',
  'capture.shortcutRefused': 'Not saved, the current shortcut still works: {msg}',
  'capture.copyAs': 'Copy captured text as',
  'capture.copyLines': 'Lines, as on the screen',
  'capture.copyParagraph': 'One paragraph (lines joined, for pasting into running text)',
  'capture.copiedParagraph': 'Copied {n} lines to the clipboard as one paragraph',
  'capture.copiedParagraph.one': 'Copied 1 line to the clipboard',
} as const;

/** A key of the capture strings. */
export type CaptureKey = keyof typeof EN;

const ZH_CN: Readonly<Record<CaptureKey, string>> = {
  'capture.button': '截取屏幕',
  'capture.buttonBusy': '正在截取…',
  'capture.dialog': '选择区域',
  'capture.hint': '拖动框选文字。回车或双击：整幅图像 · 方向键：移动 · Shift+方向键：调整大小 · Esc：取消',
  'capture.size': '{w} × {h}',
  'capture.running': '正在识别所选区域…',
  'capture.warming': '引擎正在预热；就绪后立即识别所选区域。',
  'capture.copied': '已将 {n} 行复制到剪贴板',
  'capture.copied.one': '已将 1 行复制到剪贴板',
  'capture.noText': '所选区域中没有找到文字。',
  'capture.copyFailed': '已识别，但无法复制：{msg}',
  'capture.failed': '截取失败：{msg}',
  'capture.denied': '屏幕截取被拒绝或已取消。',
  'capture.unsupported': '此浏览器无法截取屏幕（缺少 getDisplayMedia 或页面不安全）。',
  'capture.result': '截取的文字',
  'capture.dismiss': '关闭',
  'capture.settings': '屏幕截取',
  'capture.shortcut': '截取快捷键',
  'capture.shortcutHint':
    'Electron 快捷键格式，例如 CommandOrControl+Alt+Shift+O；留空表示不使用快捷键。被其他应用占用的快捷键不会保存，当前快捷键保持不变。',
  'capture.save': '保存快捷键',
  'capture.saved': '已保存',
  'capture.saveFailed': '无法保存：{msg}',
  'capture.shortcutRefused': '未保存，当前快捷键仍然有效：{msg}',
  'capture.copyAs': '截取的文字复制为',
  'capture.copyLines': '按行，与屏幕上一致',
  'capture.copyParagraph': '一个段落（各行合并，便于粘贴到正文中）',
  'capture.copiedParagraph': '已将 {n} 行合并为一个段落复制到剪贴板',
  'capture.copiedParagraph.one': '已将 1 行复制到剪贴板',
};

/** `t()` for the capture strings in the UI's current language (`{n}` of 1 picks the `.one` variant). */
export function useCaptureText(): (
  key: CaptureKey,
  params?: Readonly<Record<string, string | number>>,
) => string {
  const { lang } = useI18n();
  return useCallback(
    (key, params) => {
      const dict: Readonly<Record<string, string>> = lang === 'zh-CN' ? ZH_CN : EN;
      const text = (params?.n === 1 ? dict[`${key}.one`] : undefined) ?? dict[key] ?? key;
      return params ? text.replace(/\{(\w+)\}/g, (m, k: string) => String(params[k] ?? m)) : text;
    },
    [lang],
  );
}
