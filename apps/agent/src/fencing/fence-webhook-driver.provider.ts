import { createFenceWebhookDriver } from '@sfha/ha';

export const FENCE_WEBHOOK_DRIVER = Symbol('FENCE_WEBHOOK_DRIVER');

export const fenceWebhookDriverProvider = { provide: FENCE_WEBHOOK_DRIVER, useFactory: () => createFenceWebhookDriver() };
