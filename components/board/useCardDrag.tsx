import { type PointerEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import type { BoardCard } from '@/lib/extension/queries/board-queries';
import type { Id } from '@/lib/shared/model';

/** How far the pointer must travel before a press on a card becomes a drag (a click stays a click). */
const DRAG_THRESHOLD_PX = 6;

type Press = { card: BoardCard; pointerId: number; startX: number; startY: number; dragging: boolean };
type Drag = { card: BoardCard; x: number; y: number; overStageId: Id | null };

type CardDragOptions = {
  /** A card was dropped on another stage's column. */
  onDrop: (card: BoardCard, toStageId: Id) => void;
  announce: (message: string) => void;
  draggingMessage: (card: BoardCard) => string;
  cancelledMessage: string;
};

/** The column under the pointer: columns carry `data-drop-stage`. */
function stageAt(x: number, y: number): Id | null {
  const element = document.elementFromPoint(x, y);
  return element?.closest<HTMLElement>('[data-drop-stage]')?.dataset.dropStage ?? null;
}

/**
 * Drag and drop of cards between columns with pointer events: works with windowed lists (the
 * dragged card may scroll out of its column and unmount) and needs no library. Mouse and pen
 * only: a finger on a card scrolls the column. Escape cancels. Keyboard users move cards with
 * the Move action instead.
 */
export function useCardDrag({ onDrop, announce, draggingMessage, cancelledMessage }: CardDragOptions) {
  const press = useRef<Press | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  // The click that ends a drag must not also open the card it started on.
  const swallowClick = useRef(false);
  const options = useRef({ onDrop, announce, draggingMessage, cancelledMessage });
  options.current = { onDrop, announce, draggingMessage, cancelledMessage };

  const onPointerDown = useCallback((card: BoardCard, event: PointerEvent<HTMLElement>) => {
    if (event.button !== 0 || event.pointerType === 'touch') return;
    // The Move button is its own action.
    if ((event.target as Element).closest('.board-card-move')) return;
    press.current = {
      card,
      pointerId: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      dragging: false,
    };
  }, []);

  useEffect(() => {
    const end = () => {
      press.current = null;
      setDrag(null);
      document.body.classList.remove('board-dragging');
    };
    const move = (event: globalThis.PointerEvent) => {
      const current = press.current;
      if (!current || event.pointerId !== current.pointerId) return;
      if (!current.dragging) {
        const distance = Math.hypot(event.clientX - current.startX, event.clientY - current.startY);
        if (distance < DRAG_THRESHOLD_PX) return;
        current.dragging = true;
        document.body.classList.add('board-dragging');
        options.current.announce(options.current.draggingMessage(current.card));
      }
      event.preventDefault();
      setDrag({
        card: current.card,
        x: event.clientX,
        y: event.clientY,
        overStageId: stageAt(event.clientX, event.clientY),
      });
    };
    const up = (event: globalThis.PointerEvent) => {
      const current = press.current;
      if (!current || event.pointerId !== current.pointerId) return;
      end();
      if (!current.dragging) return;
      swallowClick.current = true;
      const toStageId = stageAt(event.clientX, event.clientY);
      if (toStageId && toStageId !== current.card.deal.stageId)
        options.current.onDrop(current.card, toStageId);
      else options.current.announce(options.current.cancelledMessage);
    };
    const cancel = (event: globalThis.PointerEvent) => {
      if (press.current?.pointerId === event.pointerId) end();
    };
    const key = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !press.current?.dragging) return;
      event.preventDefault();
      end();
      options.current.announce(options.current.cancelledMessage);
    };
    // A drag that ended without a click (dropped outside the window) must not swallow the next one.
    const reset = () => {
      swallowClick.current = false;
    };
    const click = (event: MouseEvent) => {
      if (!swallowClick.current) return;
      swallowClick.current = false;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', cancel);
    window.addEventListener('keydown', key);
    window.addEventListener('click', click, true);
    window.addEventListener('pointerdown', reset, true);
    return () => {
      window.removeEventListener('pointerdown', reset, true);
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', cancel);
      window.removeEventListener('keydown', key);
      window.removeEventListener('click', click, true);
      document.body.classList.remove('board-dragging');
    };
  }, []);

  const ghost: ReactNode = drag && (
    <div
      className="board-drag-ghost"
      aria-hidden="true"
      style={{ transform: `translate(${drag.x + 12}px, ${drag.y + 8}px)` }}
    >
      <bdi>{drag.card.deal.title}</bdi>
    </div>
  );

  return { onPointerDown, overStageId: drag?.overStageId ?? null, ghost };
}
