import { exportWords, type ExportTranslation, type ExportWords } from './export-words.ts';

/**
 * The family's plan and "my part" in the languages a family phone can choose (web/messages:
 * Welsh and Arabic) [LANG12]. Like the phone's catalogues, these were written by the Kinboard
 * team, not by fluent speakers: each is marked "needs review" below until a fluent speaker who
 * knows the practice has read it (README: Languages). The case record is staff's, in English;
 * the practice's own nouns (danger statement, bottom line) come from the meeting's vocabulary.
 */
export const exportLanguages = ['en', 'cy', 'ar'] as const;
export type ExportLanguage = (typeof exportLanguages)[number];

const surname = (family: string) => family.replace(/ family$/i, '');

const welsh: ExportTranslation = {
  language: 'cy-GB',
  entry: {
    who: 'Pwy',
    when: 'Pryd',
    howWeKnow: 'Sut byddwn ni’n gwybod',
    answers: 'Yn ateb',
    byWhen: 'Erbyn pryd',
    reviewDate: 'Dyddiad adolygu',
    writtenBy: 'Ysgrifennwyd gan',
    matters: 'Pryd mae’n bwysig',
    triggers: 'Pethau sy’n sbarduno a chyfnodau anodd',
    howOften: 'Pa mor aml',
    days: {
      mon: 'Dydd Llun',
      tue: 'Dydd Mawrth',
      wed: 'Dydd Mercher',
      thu: 'Dydd Iau',
      fri: 'Dydd Gwener',
      sat: 'Dydd Sadwrn',
      sun: 'Dydd Sul',
    },
    parts: {
      morning: 'bore (6am tan hanner dydd)',
      afternoon: 'prynhawn (hanner dydd tan 5pm)',
      evening: 'min nos (5pm tan 10pm)',
      night: 'nos (10pm tan 6am)',
    },
    statementsNumbered: (noun, numbers) => `${noun} ${numbers.join(', ')}`,
  },
  statementsAndGoals: (statements, goals) => `${statements} a ${goals}`,
  familyPlan: {
    title: (family) => `Y cynllun ar gyfer teulu ${surname(family)}`,
    agreedAt: (meetingType, date) => `Cytunwyd yn y ${meetingType.toLowerCase()} ar ${date}.`,
    version: (version, review) => `Fersiwn ${version}.${review ? ` Yr adolygiad nesaf: ${review}.` : ''}`,
    statementsIntro: 'Beth mae pawb yn poeni amdano, a beth rydyn ni eisiau ei weld yn lle hynny.',
    familyWords: 'Yng ngeiriau’r teulu ei hun',
    saidBy: 'Dywedwyd gan',
    bottomLinesIntro: 'Rhaid i’r rhain ddigwydd, beth bynnag arall sy’n newid.',
    rules: 'Pwy sy’n gwneud beth a phryd',
    fireDrills: 'Ymarfer y cynllun',
    contingency: 'Os na ellir dilyn y cynllun',
    safetyObject: 'Ein gwrthrych diogelwch',
    nextSteps: 'Y camau nesaf',
    review: 'Pryd byddwn ni’n edrych ar y cynllun eto',
    nextReviewIs: (review) => `Mae’r adolygiad nesaf ar ${review}.`,
  },
  myPart: {
    title: (person) => `Fy rhan i yn y cynllun: ${person}`,
    planOf: (family, date) => `Cynllun teulu ${surname(family)}, a gytunwyd ar ${date}.`,
    nextReview: (review) => `Yr adolygiad nesaf: ${review}.`,
    rules: 'Beth rydw i’n ei wneud',
    fireDrills: 'Ymarfer y cynllun',
    nextSteps: 'Y camau nesaf',
  },
  drawings: {
    heading: 'Lluniau',
    titles: {
      genogram: 'Genogram a chylchoedd diogelwch',
      houses: 'Tri thŷ',
      story: 'Geiriau a lluniau',
    },
    unreadable:
      'Doedd dim modd darllen y llun hwn, felly mae wedi’i adael allan. Bydd tynnu arno eto yn dod ag ef yn ôl.',
  },
  pageOf: (page, pages) => `Tudalen ${page} o ${pages}`,
};

const arabic: ExportTranslation = {
  language: 'ar',
  entry: {
    who: 'مَن',
    when: 'متى',
    howWeKnow: 'كيف سنعرف',
    answers: 'يجيب عن',
    byWhen: 'بحلول متى',
    reviewDate: 'تاريخ المراجعة',
    writtenBy: 'كتبه',
    matters: 'متى يكون ذلك مهمًا',
    triggers: 'ما يثير التوتر والأوقات الصعبة',
    howOften: 'كم مرة',
    days: {
      mon: 'الاثنين',
      tue: 'الثلاثاء',
      wed: 'الأربعاء',
      thu: 'الخميس',
      fri: 'الجمعة',
      sat: 'السبت',
      sun: 'الأحد',
    },
    parts: {
      morning: 'الصباح (من 6 صباحًا حتى الظهر)',
      afternoon: 'بعد الظهر (من الظهر حتى 5 مساءً)',
      evening: 'المساء (من 5 حتى 10 مساءً)',
      night: 'الليل (من 10 مساءً حتى 6 صباحًا)',
    },
    statementsNumbered: (noun, numbers) => `${noun} ${numbers.join('، ')}`,
  },
  listOf: (parts) => parts.join('، '),
  statementsAndGoals: (statements, goals) => `${statements} و${goals}`,
  familyPlan: {
    title: (family) => `خطة عائلة ${surname(family)}`,
    agreedAt: (meetingType, date) => `تم الاتفاق عليها في ${meetingType} بتاريخ ${date}.`,
    version: (version, review) => `النسخة ${version}.${review ? ` المراجعة القادمة: ${review}.` : ''}`,
    statementsIntro: 'ما يقلق الجميع، وما نريد أن نراه بدلًا منه.',
    familyWords: 'بكلمات العائلة نفسها',
    saidBy: 'قاله',
    bottomLinesIntro: 'يجب أن يحدث هذا، مهما تغيّر غيره.',
    rules: 'مَن يفعل ماذا ومتى',
    fireDrills: 'التدرّب على الخطة',
    contingency: 'إذا تعذّر اتباع الخطة',
    safetyObject: 'شيء الأمان الخاص بنا',
    nextSteps: 'الخطوات التالية',
    review: 'متى سننظر في الخطة مرة أخرى',
    nextReviewIs: (review) => `المراجعة القادمة في ${review}.`,
  },
  myPart: {
    title: (person) => `دوري في الخطة: ${person}`,
    planOf: (family, date) => `خطة عائلة ${surname(family)}، المتفق عليها بتاريخ ${date}.`,
    nextReview: (review) => `المراجعة القادمة: ${review}.`,
    rules: 'ما أقوم به',
    fireDrills: 'التدرّب على الخطة',
    nextSteps: 'الخطوات التالية',
  },
  drawings: {
    heading: 'الرسومات',
    titles: {
      genogram: 'شجرة العائلة ودوائر الأمان',
      houses: 'البيوت الثلاثة',
      story: 'كلمات وصور',
    },
    unreadable: 'تعذّرت قراءة هذا الرسم، لذلك تُرك خارج الملف. الرسم عليه مرة أخرى سيعيده.',
  },
  pageOf: (page, pages) => `الصفحة ${page} من ${pages}`,
};

/** Each translation's review, as web/messages/translation-review.json keeps the phone's. */
export const exportTranslationReview: Record<Exclude<ExportLanguage, 'en'>, { status: 'needs review' }> = {
  cy: { status: 'needs review' },
  ar: { status: 'needs review' },
};

const translations: Record<Exclude<ExportLanguage, 'en'>, ExportTranslation> = { cy: welsh, ar: arabic };

/** The export words in one language, English wherever the translation has no word. */
export function exportWordsIn(language: ExportLanguage = 'en'): ExportWords {
  if (language === 'en') return exportWords;
  const translation = translations[language];
  const words: Record<string, unknown> = { ...exportWords };
  for (const [key, value] of Object.entries(translation)) {
    const english = (exportWords as Record<string, unknown>)[key];
    words[key] =
      typeof value === 'object' && value !== null && typeof english === 'object'
        ? { ...english, ...value }
        : value;
  }
  return words as unknown as ExportWords;
}
