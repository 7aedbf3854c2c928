/** Renderer entry: mounts the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { CaptureOverlay, isCaptureOverlay } from './capture/capture-overlay';
import './styles.css';

const root = document.getElementById('root');
if (root)
  createRoot(root).render(<StrictMode>{isCaptureOverlay() ? <CaptureOverlay /> : <App />}</StrictMode>);
