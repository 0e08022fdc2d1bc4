// After a navigation inside the workbench, focus moves to the new page's heading, so that a
// keyboard or screen-reader user starts reading the page they opened rather than the link they
// left (WCAG 2.4.3). The first load keeps the browser's own focus; a link to a place on the page
// (#item-...) keeps its target.
import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';

/** How long to wait for a page that is still loading to render its heading. */
const WAIT_MS = 5000;
const STEP_MS = 50;

export function useFocusHeadingOnNavigate(): void {
  const { path } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (window.location.hash) return;
    let waited = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const focus = () => {
      const heading = document.querySelector<HTMLElement>('main h1');
      if (heading) {
        if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
        return;
      }
      waited += STEP_MS;
      if (waited < WAIT_MS) timer = setTimeout(focus, STEP_MS);
    };
    focus();
    return () => clearTimeout(timer);
  }, [path]);
}

/** Renders nothing; runs the hook inside the router's location. */
export function FocusHeadingOnNavigate(): null {
  useFocusHeadingOnNavigate();
  return null;
}
