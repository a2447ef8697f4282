/** Kiosk app (Electron main + preload + React renderer). Skeleton: the renderer and main arrive in a later issue. */
export const KIOSK_APP = 'kiosk-app';
