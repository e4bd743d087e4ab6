/** InboxSDK's background support, or an empty module in builds without an app id (see wxt.config.ts). */
declare module '#inboxsdk-background' {}

interface ImportMetaEnv {
  /** Set at build time to build Gmail support on InboxSDK; unset, InboxSDK is never bundled. */
  readonly WXT_INBOXSDK_APP_ID?: string;
}
