// Builds without an InboxSDK app id resolve '#inboxsdk-background' here (wxt.config.ts): no InboxSDK code ships.
export {};
