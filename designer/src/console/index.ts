/** The admin console (#14): routes, the section registry, the page. Start from sections.ts. */
export { consolePath, consoleRoute, type ConsoleRoute } from './route.js';
export { SECTIONS, sectionsFor, isSectionId, type SectionId, type SectionProps, type SectionDefinition } from './sections.js';
export { sectionText, useSectionText, translateSection, type SectionText } from './text.js';
export { ConsolePage } from './ConsolePage.js';
