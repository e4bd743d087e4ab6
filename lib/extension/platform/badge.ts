/**
 * The toolbar button's badge: how many reminders are due. White on a dark red (contrast 6.5:1),
 * and the button's title says the same in words for screen readers and tooltips.
 */
const BADGE_BACKGROUND = '#b3261e';
const BADGE_TEXT = '#ffffff';
/** Chrome shows about four characters; larger counts read "999+". */
const MAX_SHOWN = 999;

export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > MAX_SHOWN ? `${MAX_SHOWN}+` : String(count);
}

type ToolbarButton = Pick<typeof browser.action, 'setBadgeText' | 'setBadgeBackgroundColor' | 'setTitle'> & {
  setBadgeTextColor?: typeof browser.action.setBadgeTextColor;
};

function toolbarButton(): ToolbarButton {
  // Chrome (MV3) has `action`; Firefox's MV2 build has `browserAction`, with the same calls.
  const { action, browserAction } = browser as unknown as {
    action?: ToolbarButton;
    browserAction?: ToolbarButton;
  };
  const button = action ?? browserAction;
  if (!button) throw new Error('this browser has no toolbar button API');
  return button;
}

/** Shows the count (cleared at 0) and the title to go with it. */
export async function showDueCount(count: number, title: string): Promise<void> {
  const button = toolbarButton();
  await Promise.all([
    button.setBadgeText({ text: badgeText(count) }),
    button.setBadgeBackgroundColor({ color: BADGE_BACKGROUND }),
    button.setBadgeTextColor?.({ color: BADGE_TEXT }),
    button.setTitle({ title }),
  ]);
}
