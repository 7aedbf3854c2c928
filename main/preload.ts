/** The sandboxed preload: exposes `window.lantern` (LanternApi) and `window.lanternDesktop`; never ipcRenderer itself. */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createCaptureApi } from './capture-channels';
import { createPreloadApi } from './preload-api';

const { api, desktop } = createPreloadApi(ipcRenderer, webUtils);
contextBridge.exposeInMainWorld('lantern', api);
contextBridge.exposeInMainWorld('lanternDesktop', desktop);
// A drag entering the window is a sign a request is coming: warm the engine before the drop.
window.addEventListener('dragenter', () => api.prewarm(), { capture: true, passive: true });
// Capture overlays read their frozen image and send the selection through this; it answers only to overlays.
contextBridge.exposeInMainWorld('lanternCapture', createCaptureApi(ipcRenderer));
