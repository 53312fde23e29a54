// The MFA challenges a member shows, one shape per challenge type.

export interface ChallengeOption {
  guid: string;
  label: string;
  value: string;
  data_uri?: string;
}

export interface Challenge {
  guid: string;
  type: string;
  field_name: string;
  label: string;
  image_data: string | null;
  options: ChallengeOption[];
  image_options: ChallengeOption[];
}

/** A real 1×1 PNG, so clients that decode image challenges get an image. */
const PNG_1X1 =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export function buildChallenge(type: string, guid: (prefix: string) => string): Challenge {
  const base = { guid: guid('CRD'), type, image_data: null, options: [], image_options: [] };
  switch (type) {
    case 'OPTIONS':
      return {
        ...base,
        field_name: 'OPTIONS',
        label: 'Choose the correct option to continue.',
        options: ['correct', 'incorrect'].map((value) => ({ guid: guid('CRD'), label: value, value })),
      };
    case 'IMAGE_DATA':
      return { ...base, field_name: 'IMAGE', label: 'Enter the text shown in the image.', image_data: PNG_1X1 };
    case 'IMAGE_OPTIONS':
      return {
        ...base,
        field_name: 'IMAGE_OPTIONS',
        label: 'Choose the image you selected when you enrolled.',
        image_options: ['correct', 'incorrect'].map((value) => ({
          guid: guid('CRD'),
          label: value,
          value,
          data_uri: PNG_1X1,
        })),
      };
    case 'TOKEN':
      return { ...base, field_name: 'TOKEN', label: 'Enter the one-time code sent to your phone.' };
    default:
      return { ...base, field_name: 'ANSWER', label: 'What city were you born in?' };
  }
}
