import type { ElementHandle } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity, Deal, Pipeline, Settings } from '../../lib/shared/model';
import { blockingViolations, describeViolations, runAxe } from './support/axe';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { clearDatabase, dumpDatabase, putRecords, updateRecord } from './support/database';
import { emulateColorScheme, horizontalOverflow } from './support/layout';
import { acmeLoggingCrm } from './support/logging';
import { OptionsPage } from './support/options-page';
import { dealRecord, stageIdNamed } from './support/record-builders';
import { publishScreenshot, saveScreenshot, screenshotAtWidth } from './support/screenshots';

/**
 * The pipelines editor on the options page, driven by its labels and buttons as a rep would, and
 * checked against what the database holds afterwards.
 */
describe('the pipelines and stages editor', () => {
  let session: ExtensionBrowser;
  let options: OptionsPage;
  const now = Date.now();
  const crm = acmeLoggingCrm(now);
  const newBusiness = crm.records.pipelines[0] as Pipeline;
  const seats = crm.deal;

  const dump = () => dumpDatabase(session.worker);
  const livePipelines = async () =>
    ((await dump()).pipelines as Pipeline[]).filter((pipeline) => !pipeline.deleted);
  const storedPipeline = async (name: string) => {
    const pipeline = (await livePipelines()).find((candidate) => candidate.name === name);
    if (!pipeline) throw new Error(`no pipeline ${name}`);
    return pipeline;
  };
  const stageNames = async (name: string) => (await storedPipeline(name)).stages.map((stage) => stage.name);

  /** Polls the database until `check` holds (writes commit a moment after the click). */
  async function eventually(check: () => Promise<boolean>, what: string) {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting until ${what}`);
  }

  const byRole = (role: string, name: string) => `::-p-aria([name="${name}"][role="${role}"])`;

  async function pipelineCard(name: string): Promise<ElementHandle<Element>> {
    const card = await options.page.waitForSelector(byRole('article', name), { timeout: 10_000 });
    if (!card) throw new Error(`no pipeline card ${name}`);
    return card;
  }

  async function within(parent: ElementHandle<Element>, role: string, name: string) {
    const element = await parent.waitForSelector(byRole(role, name), { timeout: 10_000 });
    if (!element) throw new Error(`no ${role} named ${name}`);
    return element;
  }

  async function replaceText(field: ElementHandle<Element>, text: string) {
    await field.evaluate((element) => (element as HTMLInputElement).select());
    await field.type(text);
  }

  /** The section's heading at the top of the window, the first stage's editor below it. */
  const scrollToPipelines = () =>
    options.page.evaluate(() =>
      document.querySelector('section.pipelines-panel')?.scrollIntoView({ block: 'start' }),
    );

  const focusedName = () =>
    options.page.evaluate(
      () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent,
    );

  beforeAll(async () => {
    session = await launchExtensionBrowser();
    await clearDatabase(session.worker);
    const settings: Settings = crm.settings();
    await putRecords(session.worker, { settings: [settings], ...crm.records });
    options = await OptionsPage.open(session, { width: 1280, height: 900 });
    await options.page.waitForSelector('#pipelines-heading');
  });
  afterAll(async () => {
    await options?.close();
    await session?.close();
  });

  it('lists the pipeline’s stages in order, with the deals each holds', async () => {
    const card = await pipelineCard('New business');
    const rows = await card.$$eval('[data-testid="stage"] .stage-name', (names) =>
      names.map((name) => name.textContent),
    );
    expect(rows).toEqual(['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost']);
    const proposalCount = await card.$eval(
      `[data-stage-id="${stageIdNamed(newBusiness, 'Proposal')}"] [data-testid="stage-deal-count"]`,
      (element) => element.textContent,
    );
    expect(proposalCount).toBe('1 deal');
    // The only active pipeline says why it cannot be archived, next to its Archive button.
    const archive = await within(card, 'button', 'Archive pipeline New business');
    expect(await archive.evaluate((button) => button.getAttribute('aria-disabled'))).toBe('true');
    expect(await card.evaluate((element) => element.textContent)).toContain(
      'This is the only active pipeline: new deals need one, so it cannot be archived.',
    );
  });

  it('creates a second pipeline, “Renewals”, from the default stages', async () => {
    await options.button('New pipeline').click();
    const name = await options.page.waitForSelector(`form ${byRole('textbox', 'Pipeline name')}`);
    if (!name) throw new Error('no name field');
    expect(await options.page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await name.type('Renewals');
    await options.button('Create pipeline').click();
    await pipelineCard('Renewals');
    await options.page.waitForFunction(() =>
      document.body.textContent?.includes('Pipeline “Renewals” created.'),
    );
    expect((await livePipelines()).map((pipeline) => pipeline.name)).toEqual(['New business', 'Renewals']);
    expect(await stageNames('Renewals')).toEqual([
      'Lead',
      'Qualified',
      'Proposal',
      'Negotiation',
      'Won',
      'Lost',
    ]);
  });

  it('renames a stage', async () => {
    const card = await pipelineCard('New business');
    await (await within(card, 'button', 'Edit stage Lead')).click();
    const form = await within(card, 'form', 'Edit stage Lead');
    await replaceText(await within(form, 'textbox', 'Stage name'), 'Prospect');
    await (await within(form, 'button', 'Save stage')).click();
    await eventually(async () => (await stageNames('New business'))[0] === 'Prospect', 'Lead is renamed');
    // The form closes and focus goes back to the stage's Edit button.
    await options.page.waitForFunction(() => !document.querySelector('form.stage-form'));
    expect(await focusedName()).toBe('Edit stage Prospect');
    // The other pipeline's stage of the same name is untouched.
    expect((await stageNames('Renewals'))[0]).toBe('Lead');
  });

  it('refuses a probability of 120 next to the field, and stores nothing', async () => {
    const before = await storedPipeline('New business');
    const card = await pipelineCard('New business');
    await (await within(card, 'button', 'Edit stage Qualified')).click();
    const form = await within(card, 'form', 'Edit stage Qualified');
    const probability = await within(form, 'textbox', 'Win probability (%)');
    await replaceText(probability, '120');
    await (await within(form, 'button', 'Save stage')).click();
    const error = await form.waitForSelector('[data-testid="field-error"]');
    expect(await error?.evaluate((element) => element.textContent)).toBe(
      'Enter a whole percentage from 0 to 100.',
    );
    expect(await probability.evaluate((input) => input.getAttribute('aria-invalid'))).toBe('true');
    // The message is tied to the field for screen readers.
    const describedBy = await probability.evaluate((input) => input.getAttribute('aria-describedby') ?? '');
    expect(describedBy.split(' ')).toContain(await error?.evaluate((element) => element.id));
    expect(await storedPipeline('New business')).toEqual(before);

    // Escape cancels the edit and puts focus back on its Edit button.
    await probability.focus();
    await options.page.keyboard.press('Escape');
    await options.page.waitForFunction(() => !document.querySelector('form.stage-form'));
    expect(await focusedName()).toBe('Edit stage Qualified');
    expect(await storedPipeline('New business')).toEqual(before);
  });

  it('adds a checklist item to a stage', async () => {
    const card = await pipelineCard('New business');
    await (await within(card, 'button', 'Edit stage Proposal')).click();
    const form = await within(card, 'form', 'Edit stage Proposal');
    await (await within(form, 'button', 'Add item')).click();
    // The new, empty item has focus: type straight into it.
    expect(await focusedName()).toBe('Checklist item 3');
    await options.page.keyboard.type('Security review passed');
    await (await within(form, 'button', 'Save stage')).click();
    await eventually(
      async () =>
        (await storedPipeline('New business')).stages
          .find((stage) => stage.name === 'Proposal')
          ?.checklist.map((item) => item.label)
          .join('|') === 'Quote sent|Competitors known|Security review passed',
      'the checklist item is stored',
    );
    const proposal = (await storedPipeline('New business')).stages.find((stage) => stage.name === 'Proposal');
    const before = newBusiness.stages.find((stage) => stage.name === 'Proposal');
    // The items already there keep their ids, so deals' ticked items still match.
    expect(proposal?.checklist.slice(0, 2)).toEqual(before?.checklist);
  });

  it('reorders two stages from the keyboard alone', async () => {
    const card = await pipelineCard('New business');
    const edit = await within(card, 'button', 'Edit stage Prospect');
    await edit.focus();
    // "Move Prospect up" is disabled (it is first), so Tab lands on "Move Prospect down".
    await options.page.keyboard.press('Tab');
    expect(await focusedName()).toBe('Move Prospect down');
    await options.page.keyboard.press('Enter');
    await eventually(
      async () => (await stageNames('New business')).slice(0, 2).join() === 'Qualified,Prospect',
      'Prospect moves below Qualified',
    );
    // Focus follows the stage, so pressing again would move it further.
    await options.page.waitForFunction(
      () => document.activeElement?.getAttribute('aria-label') === 'Move Prospect down',
    );
    await options.page.waitForFunction(() =>
      document
        .querySelector('.stage-list [role="status"]')
        ?.textContent?.includes('Moved Prospect to position 2 of 6.'),
    );
    expect(await stageNames('New business')).toEqual([
      'Qualified',
      'Prospect',
      'Proposal',
      'Negotiation',
      'Won',
      'Lost',
    ]);
    // An open stage never moves below the won and lost stages.
    const downFromNegotiation = await within(card, 'button', 'Move Negotiation down');
    expect(await downFromNegotiation.evaluate((button) => (button as HTMLButtonElement).disabled)).toBe(true);
  });

  it('asks where the deals of a deleted stage go, and moves them there with a stage-change activity', async () => {
    const card = await pipelineCard('New business');
    const deleteButton = await within(card, 'button', 'Delete stage Proposal');
    // Escape closes the question without deleting, and focus returns to the button.
    await deleteButton.click();
    await options.page.waitForSelector('dialog[open]');
    await options.page.keyboard.press('Escape');
    await options.page.waitForFunction(() => !document.querySelector('dialog'));
    expect(await focusedName()).toBe('Delete stage Proposal');
    expect(await stageNames('New business')).toContain('Proposal');

    await deleteButton.click();
    const dialog = await options.page.waitForSelector('dialog[open]');
    if (!dialog) throw new Error('no dialog');
    expect(await dialog.evaluate((element) => element.textContent)).toContain(
      'It holds 1 deal. Choose the stage to move it to.',
    );
    // Focus starts on the choice to make, the nearest earlier open stage preselected.
    expect(await options.page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    const select = await within(dialog, 'combobox', 'Move its deals to');
    expect(await select.evaluate((element) => (element as HTMLSelectElement).selectedOptions[0]?.text)).toBe(
      'Prospect',
    );
    const negotiationId = stageIdNamed(newBusiness, 'Negotiation');
    await options.page.select('dialog select', negotiationId);
    const summary = await dialog.$eval('[data-testid="deals-to-move"]', (element) => element.textContent);
    expect(summary).toBe('1 deal will move to Negotiation, with the move on its timeline.');
    await saveScreenshot(options.page, 'options-pipelines-delete-en');
    await (await within(dialog, 'button', 'Delete and move 1 deal')).click();

    await options.page.waitForFunction(() => !document.querySelector('dialog'));
    await options.page.waitForFunction(() =>
      document.body.textContent?.includes('Stage “Proposal” deleted; 1 deal moved to Negotiation.'),
    );
    const after = await dump();
    const pipeline = (after.pipelines as Pipeline[]).find((candidate) => candidate.id === newBusiness.id);
    expect(pipeline?.stages.map((stage) => stage.name)).toEqual([
      'Qualified',
      'Prospect',
      'Negotiation',
      'Won',
      'Lost',
    ]);
    const deal = (after.deals as Deal[]).find((candidate) => candidate.id === seats.id);
    expect(deal).toMatchObject({ stageId: negotiationId, status: 'open', deleted: false });
    const moves = (after.activities as Activity[]).filter(
      (activity) => activity.kind === 'stage-change' && activity.dealId === seats.id,
    );
    expect(moves).toEqual([
      expect.objectContaining({
        fromStageId: stageIdNamed(newBusiness, 'Proposal'),
        toStageId: negotiationId,
        authorId: crm.settings().user.id,
      }),
    ]);
    expect(
      await card.$eval(
        `[data-stage-id="${negotiationId}"] [data-testid="stage-deal-count"]`,
        (element) => element.textContent,
      ),
    ).toBe('1 deal');
  });

  it('saves the team’s own lost reasons, and resets them to the built-in list', async () => {
    const field = await options.page.waitForSelector(
      byRole('textbox', 'Reasons offered when a deal is marked lost, one per line'),
    );
    if (!field) throw new Error('no lost reasons field');
    expect(await field.evaluate((element) => (element as HTMLTextAreaElement).value.split('\n')[0])).toBe(
      'Price too high',
    );
    await replaceText(field, 'Price too high\n\nChose a competitor\nProject cancelled ');
    await options.button('Save reasons').click();
    await options.page.waitForFunction(() => document.body.textContent?.includes('Lost reasons saved.'));
    expect(((await dump()).settings[0] as Settings).lostReasons).toEqual([
      'Price too high',
      'Chose a competitor',
      'Project cancelled',
    ]);

    // A repeated reason is refused next to the field, and the stored list stays.
    const again = await options.page.waitForSelector(
      byRole('textbox', 'Reasons offered when a deal is marked lost, one per line'),
    );
    if (!again) throw new Error('no lost reasons field');
    await replaceText(again, 'Bad timing\nbad timing');
    await options.button('Save reasons').click();
    await options.page.waitForFunction(() =>
      document.body.textContent?.includes('The same reason is listed twice.'),
    );
    expect(((await dump()).settings[0] as Settings).lostReasons).toHaveLength(3);

    await options.button('Reset to the built-in list').click();
    await options.page.waitForFunction(() =>
      document.body.textContent?.includes('Back to the built-in list.'),
    );
    expect(((await dump()).settings[0] as Settings).lostReasons).toBeNull();
  });

  it('archives a pipeline into the folded list and restores it', async () => {
    await (await within(await pipelineCard('Renewals'), 'button', 'Archive pipeline Renewals')).click();
    await options.page.waitForFunction(() =>
      document.querySelector('.archived-pipelines summary')?.textContent?.includes('Archived pipelines (1)'),
    );
    expect((await storedPipeline('Renewals')).archived).toBe(true);
    expect(await options.page.$('.archived-pipelines[open]')).toBeNull();
    await options.page.click('.archived-pipelines summary');
    await options.button('Restore pipeline Renewals').click();
    await pipelineCard('Renewals');
    expect((await storedPipeline('Renewals')).archived).toBe(false);
  });

  it('has no serious accessibility problems with a stage open for editing', async () => {
    const card = await pipelineCard('New business');
    await (await within(card, 'button', 'Edit stage Qualified')).click();
    await within(card, 'form', 'Edit stage Qualified');
    const violations = blockingViolations(await runAxe(options.page));
    expect(violations, describeViolations('options page', violations)).toEqual([]);
  });

  it('fits a narrow window, in light and dark, in English and Traditional Chinese', async () => {
    await scrollToPipelines();
    const english = await saveScreenshot(options.page, 'options-pipelines-en-1280');
    await publishScreenshot(english, 'options-pipelines-en.png');

    await screenshotAtWidth(options.page, 320, 'options-pipelines-en-320', 900);
    expect(await horizontalOverflow(options.page)).toBe(0);
    await emulateColorScheme(options.page, 'dark');
    await saveScreenshot(options.page, 'options-pipelines-en-320-dark');
    expect(await horizontalOverflow(options.page)).toBe(0);
    await emulateColorScheme(options.page, 'light');

    await updateRecord(session.worker, 'settings', 'settings', { language: 'zh-TW' });
    await options.page.waitForFunction(
      () => document.querySelector('#pipelines-heading')?.textContent === '銷售流程與階段',
    );
    const card = await pipelineCard('New business');
    // The stage opened for editing above stays open through the change of language.
    const edit = await within(card, 'button', '編輯階段 Qualified');
    if ((await edit.evaluate((button) => button.getAttribute('aria-expanded'))) !== 'true')
      await edit.click();
    const form = await within(card, 'form', '編輯階段 Qualified');
    await replaceText(await within(form, 'textbox', '成交機率（%）'), '-5');
    await (await within(form, 'button', '儲存階段')).click();
    const error = await form.waitForSelector('[data-testid="field-error"]');
    expect(await error?.evaluate((element) => element.textContent)).toBe('請輸入 0 到 100 的整數百分比。');
    await options.page.setViewport({ width: 1280, height: 900 });
    await scrollToPipelines();
    const chinese = await saveScreenshot(options.page, 'options-pipelines-zh-TW');
    await publishScreenshot(chinese, 'options-pipelines-zh-TW.png');
    await screenshotAtWidth(options.page, 320, 'options-pipelines-zh-TW-320', 900);
    expect(await horizontalOverflow(options.page)).toBe(0);
  });

  it('keeps a deal added meanwhile in the stage count', async () => {
    const qualified = stageIdNamed(newBusiness, 'Qualified');
    await putRecords(session.worker, {
      deals: [
        dealRecord(now, {
          title: 'Acme: renewal',
          stageId: qualified,
          companyId: null,
          pipelineId: newBusiness.id,
          ownerId: crm.settings().user.id,
        }),
      ],
    });
    await options.page.waitForFunction(
      (stageId: string) =>
        document.querySelector(`[data-stage-id="${stageId}"] [data-testid="stage-deal-count"]`)
          ?.textContent === '1 筆商機',
      { timeout: 10_000 },
      qualified,
    );
  });
});
