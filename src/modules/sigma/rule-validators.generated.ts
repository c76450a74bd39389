// Generated from rule-schemas.ts by test/modules/sigma/rule-validators.test.ts: do not edit.
// VIGIL_UPDATE_GENERATED=1 node --import tsx --test test/modules/sigma/rule-validators.test.ts
/* eslint-disable */
// @ts-nocheck
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
export const detection = validate20;
const schema31 = {
  type: 'object',
  required: ['title', 'logsource', 'detection'],
  properties: {
    title: { type: 'string', maxLength: 256 },
    id: { type: 'string', format: 'uuid' },
    status: { enum: ['stable', 'test', 'experimental', 'deprecated', 'unsupported'] },
    description: { type: 'string', maxLength: 65535 },
    author: { type: 'string' },
    references: { type: 'array', uniqueItems: true, items: { type: 'string' } },
    date: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$' },
    modified: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$' },
    taxonomy: { type: 'string', maxLength: 256 },
    related: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'type'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          type: { enum: ['derived', 'obsolete', 'merged', 'renamed', 'similar'] },
        },
      },
    },
    name: { type: 'string', maxLength: 256 },
    license: { type: 'string' },
    logsource: {
      type: 'object',
      properties: {
        category: { type: 'string' },
        product: { type: 'string' },
        service: { type: 'string' },
        definition: { type: 'string' },
      },
    },
    detection: {
      type: 'object',
      required: ['condition'],
      properties: {
        condition: { anyOf: [{ type: 'string' }, { type: 'array', minItems: 1, items: { type: 'string' } }] },
      },
      additionalProperties: {
        anyOf: [{ type: 'array', items: { type: ['string', 'integer', 'object'] } }, { type: 'object' }],
      },
    },
    fields: { type: 'array', uniqueItems: true, items: { type: 'string' } },
    falsepositives: { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 2 } },
    level: { enum: ['informational', 'low', 'medium', 'high', 'critical'] },
    tags: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', pattern: '^[a-z0-9_-]+\\.[a-z0-9._-]+$' },
    },
    scope: { type: 'array', items: { type: 'string', minLength: 2 } },
  },
};
const func1 = require('ajv/dist/runtime/ucs2length').default;
const formats0 = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const pattern4 = new RegExp('^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$', 'u');
const pattern6 = new RegExp('^[a-z0-9_-]+\\.[a-z0-9._-]+$', 'u');
function validate20(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate20.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.title === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'title' },
        message: "must have required property '" + 'title' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.logsource === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'logsource' },
        message: "must have required property '" + 'logsource' + "'",
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.detection === undefined) {
      const err2 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'detection' },
        message: "must have required property '" + 'detection' + "'",
      };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    if (data.title !== undefined) {
      let data0 = data.title;
      if (typeof data0 === 'string') {
        if (func1(data0) > 256) {
          const err3 = {
            instancePath: instancePath + '/title',
            schemaPath: '#/properties/title/maxLength',
            keyword: 'maxLength',
            params: { limit: 256 },
            message: 'must NOT have more than 256 characters',
          };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = {
          instancePath: instancePath + '/title',
          schemaPath: '#/properties/title/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.id !== undefined) {
      let data1 = data.id;
      if (typeof data1 === 'string') {
        if (!formats0.test(data1)) {
          const err5 = {
            instancePath: instancePath + '/id',
            schemaPath: '#/properties/id/format',
            keyword: 'format',
            params: { format: 'uuid' },
            message: 'must match format "' + 'uuid' + '"',
          };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      } else {
        const err6 = {
          instancePath: instancePath + '/id',
          schemaPath: '#/properties/id/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.status !== undefined) {
      let data2 = data.status;
      if (!(
        data2 === 'stable' ||
        data2 === 'test' ||
        data2 === 'experimental' ||
        data2 === 'deprecated' ||
        data2 === 'unsupported'
      )) {
        const err7 = {
          instancePath: instancePath + '/status',
          schemaPath: '#/properties/status/enum',
          keyword: 'enum',
          params: { allowedValues: schema31.properties.status.enum },
          message: 'must be equal to one of the allowed values',
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.description !== undefined) {
      let data3 = data.description;
      if (typeof data3 === 'string') {
        if (func1(data3) > 65535) {
          const err8 = {
            instancePath: instancePath + '/description',
            schemaPath: '#/properties/description/maxLength',
            keyword: 'maxLength',
            params: { limit: 65535 },
            message: 'must NOT have more than 65535 characters',
          };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
      } else {
        const err9 = {
          instancePath: instancePath + '/description',
          schemaPath: '#/properties/description/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
    }
    if (data.author !== undefined) {
      if (typeof data.author !== 'string') {
        const err10 = {
          instancePath: instancePath + '/author',
          schemaPath: '#/properties/author/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
    if (data.references !== undefined) {
      let data5 = data.references;
      if (Array.isArray(data5)) {
        const len0 = data5.length;
        for (let i0 = 0; i0 < len0; i0++) {
          if (typeof data5[i0] !== 'string') {
            const err11 = {
              instancePath: instancePath + '/references/' + i0,
              schemaPath: '#/properties/references/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err11];
            } else {
              vErrors.push(err11);
            }
            errors++;
          }
        }
        let i1 = data5.length;
        let j0;
        if (i1 > 1) {
          const indices0 = {};
          for (; i1--;) {
            let item0 = data5[i1];
            if (typeof item0 !== 'string') {
              continue;
            }
            if (typeof indices0[item0] == 'number') {
              j0 = indices0[item0];
              const err12 = {
                instancePath: instancePath + '/references',
                schemaPath: '#/properties/references/uniqueItems',
                keyword: 'uniqueItems',
                params: { i: i1, j: j0 },
                message: 'must NOT have duplicate items (items ## ' + j0 + ' and ' + i1 + ' are identical)',
              };
              if (vErrors === null) {
                vErrors = [err12];
              } else {
                vErrors.push(err12);
              }
              errors++;
              break;
            }
            indices0[item0] = i1;
          }
        }
      } else {
        const err13 = {
          instancePath: instancePath + '/references',
          schemaPath: '#/properties/references/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
        };
        if (vErrors === null) {
          vErrors = [err13];
        } else {
          vErrors.push(err13);
        }
        errors++;
      }
    }
    if (data.date !== undefined) {
      let data7 = data.date;
      if (typeof data7 === 'string') {
        if (!pattern4.test(data7)) {
          const err14 = {
            instancePath: instancePath + '/date',
            schemaPath: '#/properties/date/pattern',
            keyword: 'pattern',
            params: { pattern: '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$' },
            message: 'must match pattern "' + '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err14];
          } else {
            vErrors.push(err14);
          }
          errors++;
        }
      } else {
        const err15 = {
          instancePath: instancePath + '/date',
          schemaPath: '#/properties/date/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err15];
        } else {
          vErrors.push(err15);
        }
        errors++;
      }
    }
    if (data.modified !== undefined) {
      let data8 = data.modified;
      if (typeof data8 === 'string') {
        if (!pattern4.test(data8)) {
          const err16 = {
            instancePath: instancePath + '/modified',
            schemaPath: '#/properties/modified/pattern',
            keyword: 'pattern',
            params: { pattern: '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$' },
            message: 'must match pattern "' + '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err16];
          } else {
            vErrors.push(err16);
          }
          errors++;
        }
      } else {
        const err17 = {
          instancePath: instancePath + '/modified',
          schemaPath: '#/properties/modified/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      }
    }
    if (data.taxonomy !== undefined) {
      let data9 = data.taxonomy;
      if (typeof data9 === 'string') {
        if (func1(data9) > 256) {
          const err18 = {
            instancePath: instancePath + '/taxonomy',
            schemaPath: '#/properties/taxonomy/maxLength',
            keyword: 'maxLength',
            params: { limit: 256 },
            message: 'must NOT have more than 256 characters',
          };
          if (vErrors === null) {
            vErrors = [err18];
          } else {
            vErrors.push(err18);
          }
          errors++;
        }
      } else {
        const err19 = {
          instancePath: instancePath + '/taxonomy',
          schemaPath: '#/properties/taxonomy/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err19];
        } else {
          vErrors.push(err19);
        }
        errors++;
      }
    }
    if (data.related !== undefined) {
      let data10 = data.related;
      if (Array.isArray(data10)) {
        const len1 = data10.length;
        for (let i2 = 0; i2 < len1; i2++) {
          let data11 = data10[i2];
          if (data11 && typeof data11 == 'object' && !Array.isArray(data11)) {
            if (data11.id === undefined) {
              const err20 = {
                instancePath: instancePath + '/related/' + i2,
                schemaPath: '#/properties/related/items/required',
                keyword: 'required',
                params: { missingProperty: 'id' },
                message: "must have required property '" + 'id' + "'",
              };
              if (vErrors === null) {
                vErrors = [err20];
              } else {
                vErrors.push(err20);
              }
              errors++;
            }
            if (data11.type === undefined) {
              const err21 = {
                instancePath: instancePath + '/related/' + i2,
                schemaPath: '#/properties/related/items/required',
                keyword: 'required',
                params: { missingProperty: 'type' },
                message: "must have required property '" + 'type' + "'",
              };
              if (vErrors === null) {
                vErrors = [err21];
              } else {
                vErrors.push(err21);
              }
              errors++;
            }
            if (data11.id !== undefined) {
              let data12 = data11.id;
              if (typeof data12 === 'string') {
                if (!formats0.test(data12)) {
                  const err22 = {
                    instancePath: instancePath + '/related/' + i2 + '/id',
                    schemaPath: '#/properties/related/items/properties/id/format',
                    keyword: 'format',
                    params: { format: 'uuid' },
                    message: 'must match format "' + 'uuid' + '"',
                  };
                  if (vErrors === null) {
                    vErrors = [err22];
                  } else {
                    vErrors.push(err22);
                  }
                  errors++;
                }
              } else {
                const err23 = {
                  instancePath: instancePath + '/related/' + i2 + '/id',
                  schemaPath: '#/properties/related/items/properties/id/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                };
                if (vErrors === null) {
                  vErrors = [err23];
                } else {
                  vErrors.push(err23);
                }
                errors++;
              }
            }
            if (data11.type !== undefined) {
              let data13 = data11.type;
              if (!(
                data13 === 'derived' ||
                data13 === 'obsolete' ||
                data13 === 'merged' ||
                data13 === 'renamed' ||
                data13 === 'similar'
              )) {
                const err24 = {
                  instancePath: instancePath + '/related/' + i2 + '/type',
                  schemaPath: '#/properties/related/items/properties/type/enum',
                  keyword: 'enum',
                  params: { allowedValues: schema31.properties.related.items.properties.type.enum },
                  message: 'must be equal to one of the allowed values',
                };
                if (vErrors === null) {
                  vErrors = [err24];
                } else {
                  vErrors.push(err24);
                }
                errors++;
              }
            }
          } else {
            const err25 = {
              instancePath: instancePath + '/related/' + i2,
              schemaPath: '#/properties/related/items/type',
              keyword: 'type',
              params: { type: 'object' },
              message: 'must be object',
            };
            if (vErrors === null) {
              vErrors = [err25];
            } else {
              vErrors.push(err25);
            }
            errors++;
          }
        }
      } else {
        const err26 = {
          instancePath: instancePath + '/related',
          schemaPath: '#/properties/related/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
        };
        if (vErrors === null) {
          vErrors = [err26];
        } else {
          vErrors.push(err26);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data14 = data.name;
      if (typeof data14 === 'string') {
        if (func1(data14) > 256) {
          const err27 = {
            instancePath: instancePath + '/name',
            schemaPath: '#/properties/name/maxLength',
            keyword: 'maxLength',
            params: { limit: 256 },
            message: 'must NOT have more than 256 characters',
          };
          if (vErrors === null) {
            vErrors = [err27];
          } else {
            vErrors.push(err27);
          }
          errors++;
        }
      } else {
        const err28 = {
          instancePath: instancePath + '/name',
          schemaPath: '#/properties/name/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err28];
        } else {
          vErrors.push(err28);
        }
        errors++;
      }
    }
    if (data.license !== undefined) {
      if (typeof data.license !== 'string') {
        const err29 = {
          instancePath: instancePath + '/license',
          schemaPath: '#/properties/license/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err29];
        } else {
          vErrors.push(err29);
        }
        errors++;
      }
    }
    if (data.logsource !== undefined) {
      let data16 = data.logsource;
      if (data16 && typeof data16 == 'object' && !Array.isArray(data16)) {
        if (data16.category !== undefined) {
          if (typeof data16.category !== 'string') {
            const err30 = {
              instancePath: instancePath + '/logsource/category',
              schemaPath: '#/properties/logsource/properties/category/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err30];
            } else {
              vErrors.push(err30);
            }
            errors++;
          }
        }
        if (data16.product !== undefined) {
          if (typeof data16.product !== 'string') {
            const err31 = {
              instancePath: instancePath + '/logsource/product',
              schemaPath: '#/properties/logsource/properties/product/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err31];
            } else {
              vErrors.push(err31);
            }
            errors++;
          }
        }
        if (data16.service !== undefined) {
          if (typeof data16.service !== 'string') {
            const err32 = {
              instancePath: instancePath + '/logsource/service',
              schemaPath: '#/properties/logsource/properties/service/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err32];
            } else {
              vErrors.push(err32);
            }
            errors++;
          }
        }
        if (data16.definition !== undefined) {
          if (typeof data16.definition !== 'string') {
            const err33 = {
              instancePath: instancePath + '/logsource/definition',
              schemaPath: '#/properties/logsource/properties/definition/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err33];
            } else {
              vErrors.push(err33);
            }
            errors++;
          }
        }
      } else {
        const err34 = {
          instancePath: instancePath + '/logsource',
          schemaPath: '#/properties/logsource/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
        };
        if (vErrors === null) {
          vErrors = [err34];
        } else {
          vErrors.push(err34);
        }
        errors++;
      }
    }
    if (data.detection !== undefined) {
      let data21 = data.detection;
      if (data21 && typeof data21 == 'object' && !Array.isArray(data21)) {
        if (data21.condition === undefined) {
          const err35 = {
            instancePath: instancePath + '/detection',
            schemaPath: '#/properties/detection/required',
            keyword: 'required',
            params: { missingProperty: 'condition' },
            message: "must have required property '" + 'condition' + "'",
          };
          if (vErrors === null) {
            vErrors = [err35];
          } else {
            vErrors.push(err35);
          }
          errors++;
        }
        for (const key0 in data21) {
          if (!(key0 === 'condition')) {
            let data22 = data21[key0];
            const _errs45 = errors;
            let valid9 = false;
            const _errs46 = errors;
            if (Array.isArray(data22)) {
              const len2 = data22.length;
              for (let i3 = 0; i3 < len2; i3++) {
                let data23 = data22[i3];
                if (
                  typeof data23 !== 'string' &&
                  !(typeof data23 == 'number' && !(data23 % 1) && !isNaN(data23) && isFinite(data23)) &&
                  !(data23 && typeof data23 == 'object' && !Array.isArray(data23))
                ) {
                  const err36 = {
                    instancePath:
                      instancePath + '/detection/' + key0.replace(/~/g, '~0').replace(/\//g, '~1') + '/' + i3,
                    schemaPath: '#/properties/detection/additionalProperties/anyOf/0/items/type',
                    keyword: 'type',
                    params: { type: schema31.properties.detection.additionalProperties.anyOf[0].items.type },
                    message: 'must be string,integer,object',
                  };
                  if (vErrors === null) {
                    vErrors = [err36];
                  } else {
                    vErrors.push(err36);
                  }
                  errors++;
                }
              }
            } else {
              const err37 = {
                instancePath: instancePath + '/detection/' + key0.replace(/~/g, '~0').replace(/\//g, '~1'),
                schemaPath: '#/properties/detection/additionalProperties/anyOf/0/type',
                keyword: 'type',
                params: { type: 'array' },
                message: 'must be array',
              };
              if (vErrors === null) {
                vErrors = [err37];
              } else {
                vErrors.push(err37);
              }
              errors++;
            }
            var _valid0 = _errs46 === errors;
            valid9 = valid9 || _valid0;
            const _errs50 = errors;
            if (!(data22 && typeof data22 == 'object' && !Array.isArray(data22))) {
              const err38 = {
                instancePath: instancePath + '/detection/' + key0.replace(/~/g, '~0').replace(/\//g, '~1'),
                schemaPath: '#/properties/detection/additionalProperties/anyOf/1/type',
                keyword: 'type',
                params: { type: 'object' },
                message: 'must be object',
              };
              if (vErrors === null) {
                vErrors = [err38];
              } else {
                vErrors.push(err38);
              }
              errors++;
            }
            var _valid0 = _errs50 === errors;
            valid9 = valid9 || _valid0;
            if (!valid9) {
              const err39 = {
                instancePath: instancePath + '/detection/' + key0.replace(/~/g, '~0').replace(/\//g, '~1'),
                schemaPath: '#/properties/detection/additionalProperties/anyOf',
                keyword: 'anyOf',
                params: {},
                message: 'must match a schema in anyOf',
              };
              if (vErrors === null) {
                vErrors = [err39];
              } else {
                vErrors.push(err39);
              }
              errors++;
            } else {
              errors = _errs45;
              if (vErrors !== null) {
                if (_errs45) {
                  vErrors.length = _errs45;
                } else {
                  vErrors = null;
                }
              }
            }
          }
        }
        if (data21.condition !== undefined) {
          let data24 = data21.condition;
          const _errs53 = errors;
          let valid13 = false;
          const _errs54 = errors;
          if (typeof data24 !== 'string') {
            const err40 = {
              instancePath: instancePath + '/detection/condition',
              schemaPath: '#/properties/detection/properties/condition/anyOf/0/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err40];
            } else {
              vErrors.push(err40);
            }
            errors++;
          }
          var _valid1 = _errs54 === errors;
          valid13 = valid13 || _valid1;
          const _errs56 = errors;
          if (Array.isArray(data24)) {
            if (data24.length < 1) {
              const err41 = {
                instancePath: instancePath + '/detection/condition',
                schemaPath: '#/properties/detection/properties/condition/anyOf/1/minItems',
                keyword: 'minItems',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 items',
              };
              if (vErrors === null) {
                vErrors = [err41];
              } else {
                vErrors.push(err41);
              }
              errors++;
            }
            const len3 = data24.length;
            for (let i4 = 0; i4 < len3; i4++) {
              if (typeof data24[i4] !== 'string') {
                const err42 = {
                  instancePath: instancePath + '/detection/condition/' + i4,
                  schemaPath: '#/properties/detection/properties/condition/anyOf/1/items/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                };
                if (vErrors === null) {
                  vErrors = [err42];
                } else {
                  vErrors.push(err42);
                }
                errors++;
              }
            }
          } else {
            const err43 = {
              instancePath: instancePath + '/detection/condition',
              schemaPath: '#/properties/detection/properties/condition/anyOf/1/type',
              keyword: 'type',
              params: { type: 'array' },
              message: 'must be array',
            };
            if (vErrors === null) {
              vErrors = [err43];
            } else {
              vErrors.push(err43);
            }
            errors++;
          }
          var _valid1 = _errs56 === errors;
          valid13 = valid13 || _valid1;
          if (!valid13) {
            const err44 = {
              instancePath: instancePath + '/detection/condition',
              schemaPath: '#/properties/detection/properties/condition/anyOf',
              keyword: 'anyOf',
              params: {},
              message: 'must match a schema in anyOf',
            };
            if (vErrors === null) {
              vErrors = [err44];
            } else {
              vErrors.push(err44);
            }
            errors++;
          } else {
            errors = _errs53;
            if (vErrors !== null) {
              if (_errs53) {
                vErrors.length = _errs53;
              } else {
                vErrors = null;
              }
            }
          }
        }
      } else {
        const err45 = {
          instancePath: instancePath + '/detection',
          schemaPath: '#/properties/detection/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
        };
        if (vErrors === null) {
          vErrors = [err45];
        } else {
          vErrors.push(err45);
        }
        errors++;
      }
    }
    if (data.fields !== undefined) {
      let data26 = data.fields;
      if (Array.isArray(data26)) {
        const len4 = data26.length;
        for (let i5 = 0; i5 < len4; i5++) {
          if (typeof data26[i5] !== 'string') {
            const err46 = {
              instancePath: instancePath + '/fields/' + i5,
              schemaPath: '#/properties/fields/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err46];
            } else {
              vErrors.push(err46);
            }
            errors++;
          }
        }
        let i6 = data26.length;
        let j1;
        if (i6 > 1) {
          const indices1 = {};
          for (; i6--;) {
            let item1 = data26[i6];
            if (typeof item1 !== 'string') {
              continue;
            }
            if (typeof indices1[item1] == 'number') {
              j1 = indices1[item1];
              const err47 = {
                instancePath: instancePath + '/fields',
                schemaPath: '#/properties/fields/uniqueItems',
                keyword: 'uniqueItems',
                params: { i: i6, j: j1 },
                message: 'must NOT have duplicate items (items ## ' + j1 + ' and ' + i6 + ' are identical)',
              };
              if (vErrors === null) {
                vErrors = [err47];
              } else {
                vErrors.push(err47);
              }
              errors++;
              break;
            }
            indices1[item1] = i6;
          }
        }
      } else {
        const err48 = {
          instancePath: instancePath + '/fields',
          schemaPath: '#/properties/fields/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
        };
        if (vErrors === null) {
          vErrors = [err48];
        } else {
          vErrors.push(err48);
        }
        errors++;
      }
    }
    if (data.falsepositives !== undefined) {
      let data28 = data.falsepositives;
      if (Array.isArray(data28)) {
        const len5 = data28.length;
        for (let i7 = 0; i7 < len5; i7++) {
          let data29 = data28[i7];
          if (typeof data29 === 'string') {
            if (func1(data29) < 2) {
              const err49 = {
                instancePath: instancePath + '/falsepositives/' + i7,
                schemaPath: '#/properties/falsepositives/items/minLength',
                keyword: 'minLength',
                params: { limit: 2 },
                message: 'must NOT have fewer than 2 characters',
              };
              if (vErrors === null) {
                vErrors = [err49];
              } else {
                vErrors.push(err49);
              }
              errors++;
            }
          } else {
            const err50 = {
              instancePath: instancePath + '/falsepositives/' + i7,
              schemaPath: '#/properties/falsepositives/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err50];
            } else {
              vErrors.push(err50);
            }
            errors++;
          }
        }
        let i8 = data28.length;
        let j2;
        if (i8 > 1) {
          const indices2 = {};
          for (; i8--;) {
            let item2 = data28[i8];
            if (typeof item2 !== 'string') {
              continue;
            }
            if (typeof indices2[item2] == 'number') {
              j2 = indices2[item2];
              const err51 = {
                instancePath: instancePath + '/falsepositives',
                schemaPath: '#/properties/falsepositives/uniqueItems',
                keyword: 'uniqueItems',
                params: { i: i8, j: j2 },
                message: 'must NOT have duplicate items (items ## ' + j2 + ' and ' + i8 + ' are identical)',
              };
              if (vErrors === null) {
                vErrors = [err51];
              } else {
                vErrors.push(err51);
              }
              errors++;
              break;
            }
            indices2[item2] = i8;
          }
        }
      } else {
        const err52 = {
          instancePath: instancePath + '/falsepositives',
          schemaPath: '#/properties/falsepositives/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
        };
        if (vErrors === null) {
          vErrors = [err52];
        } else {
          vErrors.push(err52);
        }
        errors++;
      }
    }
    if (data.level !== undefined) {
      let data30 = data.level;
      if (!(
        data30 === 'informational' ||
        data30 === 'low' ||
        data30 === 'medium' ||
        data30 === 'high' ||
        data30 === 'critical'
      )) {
        const err53 = {
          instancePath: instancePath + '/level',
          schemaPath: '#/properties/level/enum',
          keyword: 'enum',
          params: { allowedValues: schema31.properties.level.enum },
          message: 'must be equal to one of the allowed values',
        };
        if (vErrors === null) {
          vErrors = [err53];
        } else {
          vErrors.push(err53);
        }
        errors++;
      }
    }
    if (data.tags !== undefined) {
      let data31 = data.tags;
      if (Array.isArray(data31)) {
        const len6 = data31.length;
        for (let i9 = 0; i9 < len6; i9++) {
          let data32 = data31[i9];
          if (typeof data32 === 'string') {
            if (!pattern6.test(data32)) {
              const err54 = {
                instancePath: instancePath + '/tags/' + i9,
                schemaPath: '#/properties/tags/items/pattern',
                keyword: 'pattern',
                params: { pattern: '^[a-z0-9_-]+\\.[a-z0-9._-]+$' },
                message: 'must match pattern "' + '^[a-z0-9_-]+\\.[a-z0-9._-]+$' + '"',
              };
              if (vErrors === null) {
                vErrors = [err54];
              } else {
                vErrors.push(err54);
              }
              errors++;
            }
          } else {
            const err55 = {
              instancePath: instancePath + '/tags/' + i9,
              schemaPath: '#/properties/tags/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err55];
            } else {
              vErrors.push(err55);
            }
            errors++;
          }
        }
        let i10 = data31.length;
        let j3;
        if (i10 > 1) {
          const indices3 = {};
          for (; i10--;) {
            let item3 = data31[i10];
            if (typeof item3 !== 'string') {
              continue;
            }
            if (typeof indices3[item3] == 'number') {
              j3 = indices3[item3];
              const err56 = {
                instancePath: instancePath + '/tags',
                schemaPath: '#/properties/tags/uniqueItems',
                keyword: 'uniqueItems',
                params: { i: i10, j: j3 },
                message: 'must NOT have duplicate items (items ## ' + j3 + ' and ' + i10 + ' are identical)',
              };
              if (vErrors === null) {
                vErrors = [err56];
              } else {
                vErrors.push(err56);
              }
              errors++;
              break;
            }
            indices3[item3] = i10;
          }
        }
      } else {
        const err57 = {
          instancePath: instancePath + '/tags',
          schemaPath: '#/properties/tags/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
        };
        if (vErrors === null) {
          vErrors = [err57];
        } else {
          vErrors.push(err57);
        }
        errors++;
      }
    }
    if (data.scope !== undefined) {
      let data33 = data.scope;
      if (Array.isArray(data33)) {
        const len7 = data33.length;
        for (let i11 = 0; i11 < len7; i11++) {
          let data34 = data33[i11];
          if (typeof data34 === 'string') {
            if (func1(data34) < 2) {
              const err58 = {
                instancePath: instancePath + '/scope/' + i11,
                schemaPath: '#/properties/scope/items/minLength',
                keyword: 'minLength',
                params: { limit: 2 },
                message: 'must NOT have fewer than 2 characters',
              };
              if (vErrors === null) {
                vErrors = [err58];
              } else {
                vErrors.push(err58);
              }
              errors++;
            }
          } else {
            const err59 = {
              instancePath: instancePath + '/scope/' + i11,
              schemaPath: '#/properties/scope/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err59];
            } else {
              vErrors.push(err59);
            }
            errors++;
          }
        }
      } else {
        const err60 = {
          instancePath: instancePath + '/scope',
          schemaPath: '#/properties/scope/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
        };
        if (vErrors === null) {
          vErrors = [err60];
        } else {
          vErrors.push(err60);
        }
        errors++;
      }
    }
  } else {
    const err61 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err61];
    } else {
      vErrors.push(err61);
    }
    errors++;
  }
  validate20.errors = vErrors;
  return errors === 0;
}
validate20.evaluated = {
  props: {
    title: true,
    id: true,
    status: true,
    description: true,
    author: true,
    references: true,
    date: true,
    modified: true,
    taxonomy: true,
    related: true,
    name: true,
    license: true,
    logsource: true,
    detection: true,
    fields: true,
    falsepositives: true,
    level: true,
    tags: true,
    scope: true,
  },
  dynamicProps: false,
  dynamicItems: false,
};
export const correlation = validate21;
const schema32 = {
  type: 'object',
  required: ['title', 'correlation'],
  properties: {
    title: { type: 'string', maxLength: 256 },
    id: { type: 'string', format: 'uuid' },
    status: { enum: ['stable', 'test', 'experimental', 'deprecated', 'unsupported'] },
    description: { type: 'string', maxLength: 65535 },
    author: { type: 'string' },
    references: { type: 'array', uniqueItems: true, items: { type: 'string' } },
    date: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$' },
    modified: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$' },
    taxonomy: { type: 'string', maxLength: 256 },
    correlation: {
      type: 'object',
      required: ['type', 'rules', 'timespan'],
      properties: {
        type: {
          enum: [
            'event_count',
            'temporal',
            'temporal_ordered',
            'value_count',
            'value_sum',
            'value_avg',
            'value_percentile',
          ],
        },
        rules: { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 2 } },
        aliases: { type: 'object', additionalProperties: { type: 'object' } },
        'group-by': { type: 'array', uniqueItems: true, items: { type: 'string' } },
        timespan: { type: 'string', maxLength: 10 },
        condition: { type: 'object' },
      },
      allOf: [
        {
          if: { properties: { type: { const: 'event_count' } } },
          then: { required: ['condition', 'group-by', 'timespan'] },
        },
        { if: { properties: { type: { const: 'temporal' } } }, then: { required: ['group-by', 'timespan'] } },
        {
          if: { properties: { type: { const: 'temporal_ordered' } } },
          then: { required: ['group-by', 'timespan'] },
        },
        {
          if: { properties: { type: { const: 'value_count' } } },
          then: { required: ['condition', 'group-by', 'timespan'] },
        },
        {
          if: { properties: { type: { const: 'value_sum' } } },
          then: { required: ['condition', 'group-by', 'timespan'] },
        },
        {
          if: { properties: { type: { const: 'value_avg' } } },
          then: { required: ['condition', 'group-by', 'timespan'] },
        },
        {
          if: { properties: { type: { const: 'value_percentile' } } },
          then: { required: ['condition', 'group-by', 'timespan'] },
        },
      ],
    },
    falsepositives: {
      anyOf: [
        { type: 'string', minLength: 2 },
        { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 2 } },
      ],
    },
    level: { enum: ['informational', 'low', 'medium', 'high', 'critical'] },
    generate: { type: 'boolean' },
  },
};
function validate21(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate21.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.title === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'title' },
        message: "must have required property '" + 'title' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.correlation === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'correlation' },
        message: "must have required property '" + 'correlation' + "'",
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.title !== undefined) {
      let data0 = data.title;
      if (typeof data0 === 'string') {
        if (func1(data0) > 256) {
          const err2 = {
            instancePath: instancePath + '/title',
            schemaPath: '#/properties/title/maxLength',
            keyword: 'maxLength',
            params: { limit: 256 },
            message: 'must NOT have more than 256 characters',
          };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
      } else {
        const err3 = {
          instancePath: instancePath + '/title',
          schemaPath: '#/properties/title/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.id !== undefined) {
      let data1 = data.id;
      if (typeof data1 === 'string') {
        if (!formats0.test(data1)) {
          const err4 = {
            instancePath: instancePath + '/id',
            schemaPath: '#/properties/id/format',
            keyword: 'format',
            params: { format: 'uuid' },
            message: 'must match format "' + 'uuid' + '"',
          };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
      } else {
        const err5 = {
          instancePath: instancePath + '/id',
          schemaPath: '#/properties/id/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.status !== undefined) {
      let data2 = data.status;
      if (!(
        data2 === 'stable' ||
        data2 === 'test' ||
        data2 === 'experimental' ||
        data2 === 'deprecated' ||
        data2 === 'unsupported'
      )) {
        const err6 = {
          instancePath: instancePath + '/status',
          schemaPath: '#/properties/status/enum',
          keyword: 'enum',
          params: { allowedValues: schema32.properties.status.enum },
          message: 'must be equal to one of the allowed values',
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.description !== undefined) {
      let data3 = data.description;
      if (typeof data3 === 'string') {
        if (func1(data3) > 65535) {
          const err7 = {
            instancePath: instancePath + '/description',
            schemaPath: '#/properties/description/maxLength',
            keyword: 'maxLength',
            params: { limit: 65535 },
            message: 'must NOT have more than 65535 characters',
          };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
      } else {
        const err8 = {
          instancePath: instancePath + '/description',
          schemaPath: '#/properties/description/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
    if (data.author !== undefined) {
      if (typeof data.author !== 'string') {
        const err9 = {
          instancePath: instancePath + '/author',
          schemaPath: '#/properties/author/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
    }
    if (data.references !== undefined) {
      let data5 = data.references;
      if (Array.isArray(data5)) {
        const len0 = data5.length;
        for (let i0 = 0; i0 < len0; i0++) {
          if (typeof data5[i0] !== 'string') {
            const err10 = {
              instancePath: instancePath + '/references/' + i0,
              schemaPath: '#/properties/references/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err10];
            } else {
              vErrors.push(err10);
            }
            errors++;
          }
        }
        let i1 = data5.length;
        let j0;
        if (i1 > 1) {
          const indices0 = {};
          for (; i1--;) {
            let item0 = data5[i1];
            if (typeof item0 !== 'string') {
              continue;
            }
            if (typeof indices0[item0] == 'number') {
              j0 = indices0[item0];
              const err11 = {
                instancePath: instancePath + '/references',
                schemaPath: '#/properties/references/uniqueItems',
                keyword: 'uniqueItems',
                params: { i: i1, j: j0 },
                message: 'must NOT have duplicate items (items ## ' + j0 + ' and ' + i1 + ' are identical)',
              };
              if (vErrors === null) {
                vErrors = [err11];
              } else {
                vErrors.push(err11);
              }
              errors++;
              break;
            }
            indices0[item0] = i1;
          }
        }
      } else {
        const err12 = {
          instancePath: instancePath + '/references',
          schemaPath: '#/properties/references/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
        };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
    }
    if (data.date !== undefined) {
      let data7 = data.date;
      if (typeof data7 === 'string') {
        if (!pattern4.test(data7)) {
          const err13 = {
            instancePath: instancePath + '/date',
            schemaPath: '#/properties/date/pattern',
            keyword: 'pattern',
            params: { pattern: '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$' },
            message: 'must match pattern "' + '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err13];
          } else {
            vErrors.push(err13);
          }
          errors++;
        }
      } else {
        const err14 = {
          instancePath: instancePath + '/date',
          schemaPath: '#/properties/date/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
    }
    if (data.modified !== undefined) {
      let data8 = data.modified;
      if (typeof data8 === 'string') {
        if (!pattern4.test(data8)) {
          const err15 = {
            instancePath: instancePath + '/modified',
            schemaPath: '#/properties/modified/pattern',
            keyword: 'pattern',
            params: { pattern: '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$' },
            message: 'must match pattern "' + '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err15];
          } else {
            vErrors.push(err15);
          }
          errors++;
        }
      } else {
        const err16 = {
          instancePath: instancePath + '/modified',
          schemaPath: '#/properties/modified/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err16];
        } else {
          vErrors.push(err16);
        }
        errors++;
      }
    }
    if (data.taxonomy !== undefined) {
      let data9 = data.taxonomy;
      if (typeof data9 === 'string') {
        if (func1(data9) > 256) {
          const err17 = {
            instancePath: instancePath + '/taxonomy',
            schemaPath: '#/properties/taxonomy/maxLength',
            keyword: 'maxLength',
            params: { limit: 256 },
            message: 'must NOT have more than 256 characters',
          };
          if (vErrors === null) {
            vErrors = [err17];
          } else {
            vErrors.push(err17);
          }
          errors++;
        }
      } else {
        const err18 = {
          instancePath: instancePath + '/taxonomy',
          schemaPath: '#/properties/taxonomy/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err18];
        } else {
          vErrors.push(err18);
        }
        errors++;
      }
    }
    if (data.correlation !== undefined) {
      let data10 = data.correlation;
      const _errs23 = errors;
      let valid5 = true;
      const _errs24 = errors;
      if (data10 && typeof data10 == 'object' && !Array.isArray(data10)) {
        if (data10.type !== undefined) {
          if ('event_count' !== data10.type) {
            const err19 = {};
            if (vErrors === null) {
              vErrors = [err19];
            } else {
              vErrors.push(err19);
            }
            errors++;
          }
        }
      }
      var _valid0 = _errs24 === errors;
      errors = _errs23;
      if (vErrors !== null) {
        if (_errs23) {
          vErrors.length = _errs23;
        } else {
          vErrors = null;
        }
      }
      if (_valid0) {
        const _errs26 = errors;
        if (data10 && typeof data10 == 'object' && !Array.isArray(data10)) {
          if (data10.condition === undefined) {
            const err20 = {
              instancePath: instancePath + '/correlation',
              schemaPath: '#/properties/correlation/allOf/0/then/required',
              keyword: 'required',
              params: { missingProperty: 'condition' },
              message: "must have required property '" + 'condition' + "'",
            };
            if (vErrors === null) {
              vErrors = [err20];
            } else {
              vErrors.push(err20);
            }
            errors++;
          }
          if (data10['group-by'] === undefined) {
            const err21 = {
              instancePath: instancePath + '/correlation',
              schemaPath: '#/properties/correlation/allOf/0/then/required',
              keyword: 'required',
              params: { missingProperty: 'group-by' },
              message: "must have required property '" + 'group-by' + "'",
            };
            if (vErrors === null) {
              vErrors = [err21];
            } else {
              vErrors.push(err21);
            }
            errors++;
          }
          if (data10.timespan === undefined) {
            const err22 = {
              instancePath: instancePath + '/correlation',
              schemaPath: '#/properties/correlation/allOf/0/then/required',
              keyword: 'required',
              params: { missingProperty: 'timespan' },
              message: "must have required property '" + 'timespan' + "'",
            };
            if (vErrors === null) {
              vErrors = [err22];
            } else {
              vErrors.push(err22);
            }
            errors++;
          }
        }
        var _valid0 = _errs26 === errors;
        valid5 = _valid0;
      }
      if (!valid5) {
        const err23 = {
          instancePath: instancePath + '/correlation',
          schemaPath: '#/properties/correlation/allOf/0/if',
          keyword: 'if',
          params: { failingKeyword: 'then' },
          message: 'must match "then" schema',
        };
        if (vErrors === null) {
          vErrors = [err23];
        } else {
          vErrors.push(err23);
        }
        errors++;
      }
      const _errs28 = errors;
      let valid7 = true;
      const _errs29 = errors;
      if (data10 && typeof data10 == 'object' && !Array.isArray(data10)) {
        if (data10.type !== undefined) {
          if ('temporal' !== data10.type) {
            const err24 = {};
            if (vErrors === null) {
              vErrors = [err24];
            } else {
              vErrors.push(err24);
            }
            errors++;
          }
        }
      }
      var _valid1 = _errs29 === errors;
      errors = _errs28;
      if (vErrors !== null) {
        if (_errs28) {
          vErrors.length = _errs28;
        } else {
          vErrors = null;
        }
      }
      if (_valid1) {
        const _errs31 = errors;
        if (data10 && typeof data10 == 'object' && !Array.isArray(data10)) {
          if (data10['group-by'] === undefined) {
            const err25 = {
              instancePath: instancePath + '/correlation',
              schemaPath: '#/properties/correlation/allOf/1/then/required',
              keyword: 'required',
              params: { missingProperty: 'group-by' },
              message: "must have required property '" + 'group-by' + "'",
            };
            if (vErrors === null) {
              vErrors = [err25];
            } else {
              vErrors.push(err25);
            }
            errors++;
          }
          if (data10.timespan === undefined) {
            const err26 = {
              instancePath: instancePath + '/correlation',
              schemaPath: '#/properties/correlation/allOf/1/then/required',
              keyword: 'required',
              params: { missingProperty: 'timespan' },
              message: "must have required property '" + 'timespan' + "'",
            };
            if (vErrors === null) {
              vErrors = [err26];
            } else {
              vErrors.push(err26);
            }
            errors++;
          }
        }
        var _valid1 = _errs31 === errors;
        valid7 = _valid1;
      }
      if (!valid7) {
        const err27 = {
          instancePath: instancePath + '/correlation',
          schemaPath: '#/properties/correlation/allOf/1/if',
          keyword: 'if',
          params: { failingKeyword: 'then' },
          message: 'must match "then" schema',
        };
        if (vErrors === null) {
          vErrors = [err27];
        } else {
          vErrors.push(err27);
        }
        errors++;
      }
      const _errs33 = errors;
      let valid9 = true;
      const _errs34 = errors;
      if (data10 && typeof data10 == 'object' && !Array.isArray(data10)) {
        if (data10.type !== undefined) {
          if ('temporal_ordered' !== data10.type) {
            const err28 = {};
            if (vErrors === null) {
              vErrors = [err28];
            } else {
              vErrors.push(err28);
            }
            errors++;
          }
        }
      }
      var _valid2 = _errs34 === errors;
      errors = _errs33;
      if (vErrors !== null) {
        if (_errs33) {
          vErrors.length = _errs33;
        } else {
          vErrors = null;
        }
      }
      if (_valid2) {
        const _errs36 = errors;
        if (data10 && typeof data10 == 'object' && !Array.isArray(data10)) {
          if (data10['group-by'] === undefined) {
            const err29 = {
              instancePath: instancePath + '/correlation',
              schemaPath: '#/properties/correlation/allOf/2/then/required',
              keyword: 'required',
              params: { missingProperty: 'group-by' },
              message: "must have required property '" + 'group-by' + "'",
            };
            if (vErrors === null) {
              vErrors = [err29];
            } else {
              vErrors.push(err29);
            }
            errors++;
          }
          if (data10.timespan === undefined) {
            const err30 = {
              instancePath: instancePath + '/correlation',
              schemaPath: '#/properties/correlation/allOf/2/then/required',
              keyword: 'required',
              params: { missingProperty: 'timespan' },
              message: "must have required property '" + 'timespan' + "'",
            };
            if (vErrors === null) {
              vErrors = [err30];
            } else {
              vErrors.push(err30);
            }
            errors++;
          }
        }
        var _valid2 = _errs36 === errors;
        valid9 = _valid2;
      }
      if (!valid9) {
        const err31 = {
          instancePath: instancePath + '/correlation',
          schemaPath: '#/properties/correlation/allOf/2/if',
          keyword: 'if',
          params: { failingKeyword: 'then' },
          message: 'must match "then" schema',
        };
        if (vErrors === null) {
          vErrors = [err31];
        } else {
          vErrors.push(err31);
        }
        errors++;
      }
      const _errs38 = errors;
      let valid11 = true;
      const _errs39 = errors;
      if (data10 && typeof data10 == 'object' && !Array.isArray(data10)) {
        if (data10.type !== undefined) {
          if ('value_count' !== data10.type) {
            const err32 = {};
            if (vErrors === null) {
              vErrors = [err32];
            } else {
              vErrors.push(err32);
            }
            errors++;
          }
        }
      }
      var _valid3 = _errs39 === errors;
      errors = _errs38;
      if (vErrors !== null) {
        if (_errs38) {
          vErrors.length = _errs38;
        } else {
          vErrors = null;
        }
      }
      if (_valid3) {
        const _errs41 = errors;
        if (data10 && typeof data10 == 'object' && !Array.isArray(data10)) {
          if (data10.condition === undefined) {
            const err33 = {
              instancePath: instancePath + '/correlation',
              schemaPath: '#/properties/correlation/allOf/3/then/required',
              keyword: 'required',
              params: { missingProperty: 'condition' },
              message: "must have required property '" + 'condition' + "'",
            };
            if (vErrors === null) {
              vErrors = [err33];
            } else {
              vErrors.push(err33);
            }
            errors++;
          }
          if (data10['group-by'] === undefined) {
            const err34 = {
              instancePath: instancePath + '/correlation',
              schemaPath: '#/properties/correlation/allOf/3/then/required',
              keyword: 'required',
              params: { missingProperty: 'group-by' },
              message: "must have required property '" + 'group-by' + "'",
            };
            if (vErrors === null) {
              vErrors = [err34];
            } else {
              vErrors.push(err34);
            }
            errors++;
          }
          if (data10.timespan === undefined) {
            const err35 = {
              instancePath: instancePath + '/correlation',
              schemaPath: '#/properties/correlation/allOf/3/then/required',
              keyword: 'required',
              params: { missingProperty: 'timespan' },
              message: "must have required property '" + 'timespan' + "'",
            };
            if (vErrors === null) {
              vErrors = [err35];
            } else {
              vErrors.push(err35);
            }
            errors++;
          }
        }
        var _valid3 = _errs41 === errors;
        valid11 = _valid3;
      }
      if (!valid11) {
        const err36 = {
          instancePath: instancePath + '/correlation',
          schemaPath: '#/properties/correlation/allOf/3/if',
          keyword: 'if',
          params: { failingKeyword: 'then' },
          message: 'must match "then" schema',
        };
        if (vErrors === null) {
          vErrors = [err36];
        } else {
          vErrors.push(err36);
        }
        errors++;
      }
      const _errs43 = errors;
      let valid13 = true;
      const _errs44 = errors;
      if (data10 && typeof data10 == 'object' && !Array.isArray(data10)) {
        if (data10.type !== undefined) {
          if ('value_sum' !== data10.type) {
            const err37 = {};
            if (vErrors === null) {
              vErrors = [err37];
            } else {
              vErrors.push(err37);
            }
            errors++;
          }
        }
      }
      var _valid4 = _errs44 === errors;
      errors = _errs43;
      if (vErrors !== null) {
        if (_errs43) {
          vErrors.length = _errs43;
        } else {
          vErrors = null;
        }
      }
      if (_valid4) {
        const _errs46 = errors;
        if (data10 && typeof data10 == 'object' && !Array.isArray(data10)) {
          if (data10.condition === undefined) {
            const err38 = {
              instancePath: instancePath + '/correlation',
              schemaPath: '#/properties/correlation/allOf/4/then/required',
              keyword: 'required',
              params: { missingProperty: 'condition' },
              message: "must have required property '" + 'condition' + "'",
            };
            if (vErrors === null) {
              vErrors = [err38];
            } else {
              vErrors.push(err38);
            }
            errors++;
          }
          if (data10['group-by'] === undefined) {
            const err39 = {
              instancePath: instancePath + '/correlation',
              schemaPath: '#/properties/correlation/allOf/4/then/required',
              keyword: 'required',
              params: { missingProperty: 'group-by' },
              message: "must have required property '" + 'group-by' + "'",
            };
            if (vErrors === null) {
              vErrors = [err39];
            } else {
              vErrors.push(err39);
            }
            errors++;
          }
          if (data10.timespan === undefined) {
            const err40 = {
              instancePath: instancePath + '/correlation',
              schemaPath: '#/properties/correlation/allOf/4/then/required',
              keyword: 'required',
              params: { missingProperty: 'timespan' },
              message: "must have required property '" + 'timespan' + "'",
            };
            if (vErrors === null) {
              vErrors = [err40];
            } else {
              vErrors.push(err40);
            }
            errors++;
          }
        }
        var _valid4 = _errs46 === errors;
        valid13 = _valid4;
      }
      if (!valid13) {
        const err41 = {
          instancePath: instancePath + '/correlation',
          schemaPath: '#/properties/correlation/allOf/4/if',
          keyword: 'if',
          params: { failingKeyword: 'then' },
          message: 'must match "then" schema',
        };
        if (vErrors === null) {
          vErrors = [err41];
        } else {
          vErrors.push(err41);
        }
        errors++;
      }
      const _errs48 = errors;
      let valid15 = true;
      const _errs49 = errors;
      if (data10 && typeof data10 == 'object' && !Array.isArray(data10)) {
        if (data10.type !== undefined) {
          if ('value_avg' !== data10.type) {
            const err42 = {};
            if (vErrors === null) {
              vErrors = [err42];
            } else {
              vErrors.push(err42);
            }
            errors++;
          }
        }
      }
      var _valid5 = _errs49 === errors;
      errors = _errs48;
      if (vErrors !== null) {
        if (_errs48) {
          vErrors.length = _errs48;
        } else {
          vErrors = null;
        }
      }
      if (_valid5) {
        const _errs51 = errors;
        if (data10 && typeof data10 == 'object' && !Array.isArray(data10)) {
          if (data10.condition === undefined) {
            const err43 = {
              instancePath: instancePath + '/correlation',
              schemaPath: '#/properties/correlation/allOf/5/then/required',
              keyword: 'required',
              params: { missingProperty: 'condition' },
              message: "must have required property '" + 'condition' + "'",
            };
            if (vErrors === null) {
              vErrors = [err43];
            } else {
              vErrors.push(err43);
            }
            errors++;
          }
          if (data10['group-by'] === undefined) {
            const err44 = {
              instancePath: instancePath + '/correlation',
              schemaPath: '#/properties/correlation/allOf/5/then/required',
              keyword: 'required',
              params: { missingProperty: 'group-by' },
              message: "must have required property '" + 'group-by' + "'",
            };
            if (vErrors === null) {
              vErrors = [err44];
            } else {
              vErrors.push(err44);
            }
            errors++;
          }
          if (data10.timespan === undefined) {
            const err45 = {
              instancePath: instancePath + '/correlation',
              schemaPath: '#/properties/correlation/allOf/5/then/required',
              keyword: 'required',
              params: { missingProperty: 'timespan' },
              message: "must have required property '" + 'timespan' + "'",
            };
            if (vErrors === null) {
              vErrors = [err45];
            } else {
              vErrors.push(err45);
            }
            errors++;
          }
        }
        var _valid5 = _errs51 === errors;
        valid15 = _valid5;
      }
      if (!valid15) {
        const err46 = {
          instancePath: instancePath + '/correlation',
          schemaPath: '#/properties/correlation/allOf/5/if',
          keyword: 'if',
          params: { failingKeyword: 'then' },
          message: 'must match "then" schema',
        };
        if (vErrors === null) {
          vErrors = [err46];
        } else {
          vErrors.push(err46);
        }
        errors++;
      }
      const _errs53 = errors;
      let valid17 = true;
      const _errs54 = errors;
      if (data10 && typeof data10 == 'object' && !Array.isArray(data10)) {
        if (data10.type !== undefined) {
          if ('value_percentile' !== data10.type) {
            const err47 = {};
            if (vErrors === null) {
              vErrors = [err47];
            } else {
              vErrors.push(err47);
            }
            errors++;
          }
        }
      }
      var _valid6 = _errs54 === errors;
      errors = _errs53;
      if (vErrors !== null) {
        if (_errs53) {
          vErrors.length = _errs53;
        } else {
          vErrors = null;
        }
      }
      if (_valid6) {
        const _errs56 = errors;
        if (data10 && typeof data10 == 'object' && !Array.isArray(data10)) {
          if (data10.condition === undefined) {
            const err48 = {
              instancePath: instancePath + '/correlation',
              schemaPath: '#/properties/correlation/allOf/6/then/required',
              keyword: 'required',
              params: { missingProperty: 'condition' },
              message: "must have required property '" + 'condition' + "'",
            };
            if (vErrors === null) {
              vErrors = [err48];
            } else {
              vErrors.push(err48);
            }
            errors++;
          }
          if (data10['group-by'] === undefined) {
            const err49 = {
              instancePath: instancePath + '/correlation',
              schemaPath: '#/properties/correlation/allOf/6/then/required',
              keyword: 'required',
              params: { missingProperty: 'group-by' },
              message: "must have required property '" + 'group-by' + "'",
            };
            if (vErrors === null) {
              vErrors = [err49];
            } else {
              vErrors.push(err49);
            }
            errors++;
          }
          if (data10.timespan === undefined) {
            const err50 = {
              instancePath: instancePath + '/correlation',
              schemaPath: '#/properties/correlation/allOf/6/then/required',
              keyword: 'required',
              params: { missingProperty: 'timespan' },
              message: "must have required property '" + 'timespan' + "'",
            };
            if (vErrors === null) {
              vErrors = [err50];
            } else {
              vErrors.push(err50);
            }
            errors++;
          }
        }
        var _valid6 = _errs56 === errors;
        valid17 = _valid6;
      }
      if (!valid17) {
        const err51 = {
          instancePath: instancePath + '/correlation',
          schemaPath: '#/properties/correlation/allOf/6/if',
          keyword: 'if',
          params: { failingKeyword: 'then' },
          message: 'must match "then" schema',
        };
        if (vErrors === null) {
          vErrors = [err51];
        } else {
          vErrors.push(err51);
        }
        errors++;
      }
      if (data10 && typeof data10 == 'object' && !Array.isArray(data10)) {
        if (data10.type === undefined) {
          const err52 = {
            instancePath: instancePath + '/correlation',
            schemaPath: '#/properties/correlation/required',
            keyword: 'required',
            params: { missingProperty: 'type' },
            message: "must have required property '" + 'type' + "'",
          };
          if (vErrors === null) {
            vErrors = [err52];
          } else {
            vErrors.push(err52);
          }
          errors++;
        }
        if (data10.rules === undefined) {
          const err53 = {
            instancePath: instancePath + '/correlation',
            schemaPath: '#/properties/correlation/required',
            keyword: 'required',
            params: { missingProperty: 'rules' },
            message: "must have required property '" + 'rules' + "'",
          };
          if (vErrors === null) {
            vErrors = [err53];
          } else {
            vErrors.push(err53);
          }
          errors++;
        }
        if (data10.timespan === undefined) {
          const err54 = {
            instancePath: instancePath + '/correlation',
            schemaPath: '#/properties/correlation/required',
            keyword: 'required',
            params: { missingProperty: 'timespan' },
            message: "must have required property '" + 'timespan' + "'",
          };
          if (vErrors === null) {
            vErrors = [err54];
          } else {
            vErrors.push(err54);
          }
          errors++;
        }
        if (data10.type !== undefined) {
          let data18 = data10.type;
          if (!(
            data18 === 'event_count' ||
            data18 === 'temporal' ||
            data18 === 'temporal_ordered' ||
            data18 === 'value_count' ||
            data18 === 'value_sum' ||
            data18 === 'value_avg' ||
            data18 === 'value_percentile'
          )) {
            const err55 = {
              instancePath: instancePath + '/correlation/type',
              schemaPath: '#/properties/correlation/properties/type/enum',
              keyword: 'enum',
              params: { allowedValues: schema32.properties.correlation.properties.type.enum },
              message: 'must be equal to one of the allowed values',
            };
            if (vErrors === null) {
              vErrors = [err55];
            } else {
              vErrors.push(err55);
            }
            errors++;
          }
        }
        if (data10.rules !== undefined) {
          let data19 = data10.rules;
          if (Array.isArray(data19)) {
            const len1 = data19.length;
            for (let i2 = 0; i2 < len1; i2++) {
              let data20 = data19[i2];
              if (typeof data20 === 'string') {
                if (func1(data20) < 2) {
                  const err56 = {
                    instancePath: instancePath + '/correlation/rules/' + i2,
                    schemaPath: '#/properties/correlation/properties/rules/items/minLength',
                    keyword: 'minLength',
                    params: { limit: 2 },
                    message: 'must NOT have fewer than 2 characters',
                  };
                  if (vErrors === null) {
                    vErrors = [err56];
                  } else {
                    vErrors.push(err56);
                  }
                  errors++;
                }
              } else {
                const err57 = {
                  instancePath: instancePath + '/correlation/rules/' + i2,
                  schemaPath: '#/properties/correlation/properties/rules/items/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                };
                if (vErrors === null) {
                  vErrors = [err57];
                } else {
                  vErrors.push(err57);
                }
                errors++;
              }
            }
            let i3 = data19.length;
            let j1;
            if (i3 > 1) {
              const indices1 = {};
              for (; i3--;) {
                let item1 = data19[i3];
                if (typeof item1 !== 'string') {
                  continue;
                }
                if (typeof indices1[item1] == 'number') {
                  j1 = indices1[item1];
                  const err58 = {
                    instancePath: instancePath + '/correlation/rules',
                    schemaPath: '#/properties/correlation/properties/rules/uniqueItems',
                    keyword: 'uniqueItems',
                    params: { i: i3, j: j1 },
                    message:
                      'must NOT have duplicate items (items ## ' + j1 + ' and ' + i3 + ' are identical)',
                  };
                  if (vErrors === null) {
                    vErrors = [err58];
                  } else {
                    vErrors.push(err58);
                  }
                  errors++;
                  break;
                }
                indices1[item1] = i3;
              }
            }
          } else {
            const err59 = {
              instancePath: instancePath + '/correlation/rules',
              schemaPath: '#/properties/correlation/properties/rules/type',
              keyword: 'type',
              params: { type: 'array' },
              message: 'must be array',
            };
            if (vErrors === null) {
              vErrors = [err59];
            } else {
              vErrors.push(err59);
            }
            errors++;
          }
        }
        if (data10.aliases !== undefined) {
          let data21 = data10.aliases;
          if (data21 && typeof data21 == 'object' && !Array.isArray(data21)) {
            for (const key0 in data21) {
              let data22 = data21[key0];
              if (!(data22 && typeof data22 == 'object' && !Array.isArray(data22))) {
                const err60 = {
                  instancePath:
                    instancePath + '/correlation/aliases/' + key0.replace(/~/g, '~0').replace(/\//g, '~1'),
                  schemaPath: '#/properties/correlation/properties/aliases/additionalProperties/type',
                  keyword: 'type',
                  params: { type: 'object' },
                  message: 'must be object',
                };
                if (vErrors === null) {
                  vErrors = [err60];
                } else {
                  vErrors.push(err60);
                }
                errors++;
              }
            }
          } else {
            const err61 = {
              instancePath: instancePath + '/correlation/aliases',
              schemaPath: '#/properties/correlation/properties/aliases/type',
              keyword: 'type',
              params: { type: 'object' },
              message: 'must be object',
            };
            if (vErrors === null) {
              vErrors = [err61];
            } else {
              vErrors.push(err61);
            }
            errors++;
          }
        }
        if (data10['group-by'] !== undefined) {
          let data23 = data10['group-by'];
          if (Array.isArray(data23)) {
            const len2 = data23.length;
            for (let i4 = 0; i4 < len2; i4++) {
              if (typeof data23[i4] !== 'string') {
                const err62 = {
                  instancePath: instancePath + '/correlation/group-by/' + i4,
                  schemaPath: '#/properties/correlation/properties/group-by/items/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                };
                if (vErrors === null) {
                  vErrors = [err62];
                } else {
                  vErrors.push(err62);
                }
                errors++;
              }
            }
            let i5 = data23.length;
            let j2;
            if (i5 > 1) {
              const indices2 = {};
              for (; i5--;) {
                let item2 = data23[i5];
                if (typeof item2 !== 'string') {
                  continue;
                }
                if (typeof indices2[item2] == 'number') {
                  j2 = indices2[item2];
                  const err63 = {
                    instancePath: instancePath + '/correlation/group-by',
                    schemaPath: '#/properties/correlation/properties/group-by/uniqueItems',
                    keyword: 'uniqueItems',
                    params: { i: i5, j: j2 },
                    message:
                      'must NOT have duplicate items (items ## ' + j2 + ' and ' + i5 + ' are identical)',
                  };
                  if (vErrors === null) {
                    vErrors = [err63];
                  } else {
                    vErrors.push(err63);
                  }
                  errors++;
                  break;
                }
                indices2[item2] = i5;
              }
            }
          } else {
            const err64 = {
              instancePath: instancePath + '/correlation/group-by',
              schemaPath: '#/properties/correlation/properties/group-by/type',
              keyword: 'type',
              params: { type: 'array' },
              message: 'must be array',
            };
            if (vErrors === null) {
              vErrors = [err64];
            } else {
              vErrors.push(err64);
            }
            errors++;
          }
        }
        if (data10.timespan !== undefined) {
          let data25 = data10.timespan;
          if (typeof data25 === 'string') {
            if (func1(data25) > 10) {
              const err65 = {
                instancePath: instancePath + '/correlation/timespan',
                schemaPath: '#/properties/correlation/properties/timespan/maxLength',
                keyword: 'maxLength',
                params: { limit: 10 },
                message: 'must NOT have more than 10 characters',
              };
              if (vErrors === null) {
                vErrors = [err65];
              } else {
                vErrors.push(err65);
              }
              errors++;
            }
          } else {
            const err66 = {
              instancePath: instancePath + '/correlation/timespan',
              schemaPath: '#/properties/correlation/properties/timespan/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err66];
            } else {
              vErrors.push(err66);
            }
            errors++;
          }
        }
        if (data10.condition !== undefined) {
          let data26 = data10.condition;
          if (!(data26 && typeof data26 == 'object' && !Array.isArray(data26))) {
            const err67 = {
              instancePath: instancePath + '/correlation/condition',
              schemaPath: '#/properties/correlation/properties/condition/type',
              keyword: 'type',
              params: { type: 'object' },
              message: 'must be object',
            };
            if (vErrors === null) {
              vErrors = [err67];
            } else {
              vErrors.push(err67);
            }
            errors++;
          }
        }
      } else {
        const err68 = {
          instancePath: instancePath + '/correlation',
          schemaPath: '#/properties/correlation/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
        };
        if (vErrors === null) {
          vErrors = [err68];
        } else {
          vErrors.push(err68);
        }
        errors++;
      }
    }
    if (data.falsepositives !== undefined) {
      let data27 = data.falsepositives;
      const _errs76 = errors;
      let valid27 = false;
      const _errs77 = errors;
      if (typeof data27 === 'string') {
        if (func1(data27) < 2) {
          const err69 = {
            instancePath: instancePath + '/falsepositives',
            schemaPath: '#/properties/falsepositives/anyOf/0/minLength',
            keyword: 'minLength',
            params: { limit: 2 },
            message: 'must NOT have fewer than 2 characters',
          };
          if (vErrors === null) {
            vErrors = [err69];
          } else {
            vErrors.push(err69);
          }
          errors++;
        }
      } else {
        const err70 = {
          instancePath: instancePath + '/falsepositives',
          schemaPath: '#/properties/falsepositives/anyOf/0/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err70];
        } else {
          vErrors.push(err70);
        }
        errors++;
      }
      var _valid7 = _errs77 === errors;
      valid27 = valid27 || _valid7;
      const _errs79 = errors;
      if (Array.isArray(data27)) {
        const len3 = data27.length;
        for (let i6 = 0; i6 < len3; i6++) {
          let data28 = data27[i6];
          if (typeof data28 === 'string') {
            if (func1(data28) < 2) {
              const err71 = {
                instancePath: instancePath + '/falsepositives/' + i6,
                schemaPath: '#/properties/falsepositives/anyOf/1/items/minLength',
                keyword: 'minLength',
                params: { limit: 2 },
                message: 'must NOT have fewer than 2 characters',
              };
              if (vErrors === null) {
                vErrors = [err71];
              } else {
                vErrors.push(err71);
              }
              errors++;
            }
          } else {
            const err72 = {
              instancePath: instancePath + '/falsepositives/' + i6,
              schemaPath: '#/properties/falsepositives/anyOf/1/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err72];
            } else {
              vErrors.push(err72);
            }
            errors++;
          }
        }
        let i7 = data27.length;
        let j3;
        if (i7 > 1) {
          const indices3 = {};
          for (; i7--;) {
            let item3 = data27[i7];
            if (typeof item3 !== 'string') {
              continue;
            }
            if (typeof indices3[item3] == 'number') {
              j3 = indices3[item3];
              const err73 = {
                instancePath: instancePath + '/falsepositives',
                schemaPath: '#/properties/falsepositives/anyOf/1/uniqueItems',
                keyword: 'uniqueItems',
                params: { i: i7, j: j3 },
                message: 'must NOT have duplicate items (items ## ' + j3 + ' and ' + i7 + ' are identical)',
              };
              if (vErrors === null) {
                vErrors = [err73];
              } else {
                vErrors.push(err73);
              }
              errors++;
              break;
            }
            indices3[item3] = i7;
          }
        }
      } else {
        const err74 = {
          instancePath: instancePath + '/falsepositives',
          schemaPath: '#/properties/falsepositives/anyOf/1/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
        };
        if (vErrors === null) {
          vErrors = [err74];
        } else {
          vErrors.push(err74);
        }
        errors++;
      }
      var _valid7 = _errs79 === errors;
      valid27 = valid27 || _valid7;
      if (!valid27) {
        const err75 = {
          instancePath: instancePath + '/falsepositives',
          schemaPath: '#/properties/falsepositives/anyOf',
          keyword: 'anyOf',
          params: {},
          message: 'must match a schema in anyOf',
        };
        if (vErrors === null) {
          vErrors = [err75];
        } else {
          vErrors.push(err75);
        }
        errors++;
      } else {
        errors = _errs76;
        if (vErrors !== null) {
          if (_errs76) {
            vErrors.length = _errs76;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.level !== undefined) {
      let data29 = data.level;
      if (!(
        data29 === 'informational' ||
        data29 === 'low' ||
        data29 === 'medium' ||
        data29 === 'high' ||
        data29 === 'critical'
      )) {
        const err76 = {
          instancePath: instancePath + '/level',
          schemaPath: '#/properties/level/enum',
          keyword: 'enum',
          params: { allowedValues: schema32.properties.level.enum },
          message: 'must be equal to one of the allowed values',
        };
        if (vErrors === null) {
          vErrors = [err76];
        } else {
          vErrors.push(err76);
        }
        errors++;
      }
    }
    if (data.generate !== undefined) {
      if (typeof data.generate !== 'boolean') {
        const err77 = {
          instancePath: instancePath + '/generate',
          schemaPath: '#/properties/generate/type',
          keyword: 'type',
          params: { type: 'boolean' },
          message: 'must be boolean',
        };
        if (vErrors === null) {
          vErrors = [err77];
        } else {
          vErrors.push(err77);
        }
        errors++;
      }
    }
  } else {
    const err78 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err78];
    } else {
      vErrors.push(err78);
    }
    errors++;
  }
  validate21.errors = vErrors;
  return errors === 0;
}
validate21.evaluated = {
  props: {
    title: true,
    id: true,
    status: true,
    description: true,
    author: true,
    references: true,
    date: true,
    modified: true,
    taxonomy: true,
    correlation: true,
    falsepositives: true,
    level: true,
    generate: true,
  },
  dynamicProps: false,
  dynamicItems: false,
};
export const filter = validate22;
const schema33 = {
  type: 'object',
  required: ['title', 'logsource', 'filter'],
  properties: {
    title: { type: 'string', maxLength: 256 },
    id: { type: 'string', format: 'uuid' },
    description: { type: 'string', maxLength: 65535 },
    date: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$' },
    modified: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$' },
    taxonomy: { type: 'string', maxLength: 256 },
    logsource: {
      type: 'object',
      properties: { category: { type: 'string' }, product: { type: 'string' }, service: { type: 'string' } },
    },
    filter: {
      type: 'object',
      required: ['rules', 'selection', 'condition'],
      properties: {
        rules: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string' } },
        selection: {
          anyOf: [{ type: 'array', items: { type: ['string', 'integer', 'object'] } }, { type: 'object' }],
        },
        condition: { type: 'string' },
      },
    },
  },
};
function validate22(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate22.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.title === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'title' },
        message: "must have required property '" + 'title' + "'",
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.logsource === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'logsource' },
        message: "must have required property '" + 'logsource' + "'",
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.filter === undefined) {
      const err2 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'filter' },
        message: "must have required property '" + 'filter' + "'",
      };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    if (data.title !== undefined) {
      let data0 = data.title;
      if (typeof data0 === 'string') {
        if (func1(data0) > 256) {
          const err3 = {
            instancePath: instancePath + '/title',
            schemaPath: '#/properties/title/maxLength',
            keyword: 'maxLength',
            params: { limit: 256 },
            message: 'must NOT have more than 256 characters',
          };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = {
          instancePath: instancePath + '/title',
          schemaPath: '#/properties/title/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.id !== undefined) {
      let data1 = data.id;
      if (typeof data1 === 'string') {
        if (!formats0.test(data1)) {
          const err5 = {
            instancePath: instancePath + '/id',
            schemaPath: '#/properties/id/format',
            keyword: 'format',
            params: { format: 'uuid' },
            message: 'must match format "' + 'uuid' + '"',
          };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      } else {
        const err6 = {
          instancePath: instancePath + '/id',
          schemaPath: '#/properties/id/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.description !== undefined) {
      let data2 = data.description;
      if (typeof data2 === 'string') {
        if (func1(data2) > 65535) {
          const err7 = {
            instancePath: instancePath + '/description',
            schemaPath: '#/properties/description/maxLength',
            keyword: 'maxLength',
            params: { limit: 65535 },
            message: 'must NOT have more than 65535 characters',
          };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
      } else {
        const err8 = {
          instancePath: instancePath + '/description',
          schemaPath: '#/properties/description/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
    if (data.date !== undefined) {
      let data3 = data.date;
      if (typeof data3 === 'string') {
        if (!pattern4.test(data3)) {
          const err9 = {
            instancePath: instancePath + '/date',
            schemaPath: '#/properties/date/pattern',
            keyword: 'pattern',
            params: { pattern: '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$' },
            message: 'must match pattern "' + '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err9];
          } else {
            vErrors.push(err9);
          }
          errors++;
        }
      } else {
        const err10 = {
          instancePath: instancePath + '/date',
          schemaPath: '#/properties/date/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
    if (data.modified !== undefined) {
      let data4 = data.modified;
      if (typeof data4 === 'string') {
        if (!pattern4.test(data4)) {
          const err11 = {
            instancePath: instancePath + '/modified',
            schemaPath: '#/properties/modified/pattern',
            keyword: 'pattern',
            params: { pattern: '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$' },
            message: 'must match pattern "' + '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$' + '"',
          };
          if (vErrors === null) {
            vErrors = [err11];
          } else {
            vErrors.push(err11);
          }
          errors++;
        }
      } else {
        const err12 = {
          instancePath: instancePath + '/modified',
          schemaPath: '#/properties/modified/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
    }
    if (data.taxonomy !== undefined) {
      let data5 = data.taxonomy;
      if (typeof data5 === 'string') {
        if (func1(data5) > 256) {
          const err13 = {
            instancePath: instancePath + '/taxonomy',
            schemaPath: '#/properties/taxonomy/maxLength',
            keyword: 'maxLength',
            params: { limit: 256 },
            message: 'must NOT have more than 256 characters',
          };
          if (vErrors === null) {
            vErrors = [err13];
          } else {
            vErrors.push(err13);
          }
          errors++;
        }
      } else {
        const err14 = {
          instancePath: instancePath + '/taxonomy',
          schemaPath: '#/properties/taxonomy/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
        };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
    }
    if (data.logsource !== undefined) {
      let data6 = data.logsource;
      if (data6 && typeof data6 == 'object' && !Array.isArray(data6)) {
        if (data6.category !== undefined) {
          if (typeof data6.category !== 'string') {
            const err15 = {
              instancePath: instancePath + '/logsource/category',
              schemaPath: '#/properties/logsource/properties/category/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err15];
            } else {
              vErrors.push(err15);
            }
            errors++;
          }
        }
        if (data6.product !== undefined) {
          if (typeof data6.product !== 'string') {
            const err16 = {
              instancePath: instancePath + '/logsource/product',
              schemaPath: '#/properties/logsource/properties/product/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err16];
            } else {
              vErrors.push(err16);
            }
            errors++;
          }
        }
        if (data6.service !== undefined) {
          if (typeof data6.service !== 'string') {
            const err17 = {
              instancePath: instancePath + '/logsource/service',
              schemaPath: '#/properties/logsource/properties/service/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err17];
            } else {
              vErrors.push(err17);
            }
            errors++;
          }
        }
      } else {
        const err18 = {
          instancePath: instancePath + '/logsource',
          schemaPath: '#/properties/logsource/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
        };
        if (vErrors === null) {
          vErrors = [err18];
        } else {
          vErrors.push(err18);
        }
        errors++;
      }
    }
    if (data.filter !== undefined) {
      let data10 = data.filter;
      if (data10 && typeof data10 == 'object' && !Array.isArray(data10)) {
        if (data10.rules === undefined) {
          const err19 = {
            instancePath: instancePath + '/filter',
            schemaPath: '#/properties/filter/required',
            keyword: 'required',
            params: { missingProperty: 'rules' },
            message: "must have required property '" + 'rules' + "'",
          };
          if (vErrors === null) {
            vErrors = [err19];
          } else {
            vErrors.push(err19);
          }
          errors++;
        }
        if (data10.selection === undefined) {
          const err20 = {
            instancePath: instancePath + '/filter',
            schemaPath: '#/properties/filter/required',
            keyword: 'required',
            params: { missingProperty: 'selection' },
            message: "must have required property '" + 'selection' + "'",
          };
          if (vErrors === null) {
            vErrors = [err20];
          } else {
            vErrors.push(err20);
          }
          errors++;
        }
        if (data10.condition === undefined) {
          const err21 = {
            instancePath: instancePath + '/filter',
            schemaPath: '#/properties/filter/required',
            keyword: 'required',
            params: { missingProperty: 'condition' },
            message: "must have required property '" + 'condition' + "'",
          };
          if (vErrors === null) {
            vErrors = [err21];
          } else {
            vErrors.push(err21);
          }
          errors++;
        }
        if (data10.rules !== undefined) {
          let data11 = data10.rules;
          if (Array.isArray(data11)) {
            if (data11.length < 1) {
              const err22 = {
                instancePath: instancePath + '/filter/rules',
                schemaPath: '#/properties/filter/properties/rules/minItems',
                keyword: 'minItems',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 items',
              };
              if (vErrors === null) {
                vErrors = [err22];
              } else {
                vErrors.push(err22);
              }
              errors++;
            }
            const len0 = data11.length;
            for (let i0 = 0; i0 < len0; i0++) {
              if (typeof data11[i0] !== 'string') {
                const err23 = {
                  instancePath: instancePath + '/filter/rules/' + i0,
                  schemaPath: '#/properties/filter/properties/rules/items/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                };
                if (vErrors === null) {
                  vErrors = [err23];
                } else {
                  vErrors.push(err23);
                }
                errors++;
              }
            }
            let i1 = data11.length;
            let j0;
            if (i1 > 1) {
              const indices0 = {};
              for (; i1--;) {
                let item0 = data11[i1];
                if (typeof item0 !== 'string') {
                  continue;
                }
                if (typeof indices0[item0] == 'number') {
                  j0 = indices0[item0];
                  const err24 = {
                    instancePath: instancePath + '/filter/rules',
                    schemaPath: '#/properties/filter/properties/rules/uniqueItems',
                    keyword: 'uniqueItems',
                    params: { i: i1, j: j0 },
                    message:
                      'must NOT have duplicate items (items ## ' + j0 + ' and ' + i1 + ' are identical)',
                  };
                  if (vErrors === null) {
                    vErrors = [err24];
                  } else {
                    vErrors.push(err24);
                  }
                  errors++;
                  break;
                }
                indices0[item0] = i1;
              }
            }
          } else {
            const err25 = {
              instancePath: instancePath + '/filter/rules',
              schemaPath: '#/properties/filter/properties/rules/type',
              keyword: 'type',
              params: { type: 'array' },
              message: 'must be array',
            };
            if (vErrors === null) {
              vErrors = [err25];
            } else {
              vErrors.push(err25);
            }
            errors++;
          }
        }
        if (data10.selection !== undefined) {
          let data13 = data10.selection;
          const _errs28 = errors;
          let valid6 = false;
          const _errs29 = errors;
          if (Array.isArray(data13)) {
            const len1 = data13.length;
            for (let i2 = 0; i2 < len1; i2++) {
              let data14 = data13[i2];
              if (
                typeof data14 !== 'string' &&
                !(typeof data14 == 'number' && !(data14 % 1) && !isNaN(data14) && isFinite(data14)) &&
                !(data14 && typeof data14 == 'object' && !Array.isArray(data14))
              ) {
                const err26 = {
                  instancePath: instancePath + '/filter/selection/' + i2,
                  schemaPath: '#/properties/filter/properties/selection/anyOf/0/items/type',
                  keyword: 'type',
                  params: { type: schema33.properties.filter.properties.selection.anyOf[0].items.type },
                  message: 'must be string,integer,object',
                };
                if (vErrors === null) {
                  vErrors = [err26];
                } else {
                  vErrors.push(err26);
                }
                errors++;
              }
            }
          } else {
            const err27 = {
              instancePath: instancePath + '/filter/selection',
              schemaPath: '#/properties/filter/properties/selection/anyOf/0/type',
              keyword: 'type',
              params: { type: 'array' },
              message: 'must be array',
            };
            if (vErrors === null) {
              vErrors = [err27];
            } else {
              vErrors.push(err27);
            }
            errors++;
          }
          var _valid0 = _errs29 === errors;
          valid6 = valid6 || _valid0;
          const _errs33 = errors;
          if (!(data13 && typeof data13 == 'object' && !Array.isArray(data13))) {
            const err28 = {
              instancePath: instancePath + '/filter/selection',
              schemaPath: '#/properties/filter/properties/selection/anyOf/1/type',
              keyword: 'type',
              params: { type: 'object' },
              message: 'must be object',
            };
            if (vErrors === null) {
              vErrors = [err28];
            } else {
              vErrors.push(err28);
            }
            errors++;
          }
          var _valid0 = _errs33 === errors;
          valid6 = valid6 || _valid0;
          if (!valid6) {
            const err29 = {
              instancePath: instancePath + '/filter/selection',
              schemaPath: '#/properties/filter/properties/selection/anyOf',
              keyword: 'anyOf',
              params: {},
              message: 'must match a schema in anyOf',
            };
            if (vErrors === null) {
              vErrors = [err29];
            } else {
              vErrors.push(err29);
            }
            errors++;
          } else {
            errors = _errs28;
            if (vErrors !== null) {
              if (_errs28) {
                vErrors.length = _errs28;
              } else {
                vErrors = null;
              }
            }
          }
        }
        if (data10.condition !== undefined) {
          if (typeof data10.condition !== 'string') {
            const err30 = {
              instancePath: instancePath + '/filter/condition',
              schemaPath: '#/properties/filter/properties/condition/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
            };
            if (vErrors === null) {
              vErrors = [err30];
            } else {
              vErrors.push(err30);
            }
            errors++;
          }
        }
      } else {
        const err31 = {
          instancePath: instancePath + '/filter',
          schemaPath: '#/properties/filter/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
        };
        if (vErrors === null) {
          vErrors = [err31];
        } else {
          vErrors.push(err31);
        }
        errors++;
      }
    }
  } else {
    const err32 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
    };
    if (vErrors === null) {
      vErrors = [err32];
    } else {
      vErrors.push(err32);
    }
    errors++;
  }
  validate22.errors = vErrors;
  return errors === 0;
}
validate22.evaluated = {
  props: {
    title: true,
    id: true,
    description: true,
    date: true,
    modified: true,
    taxonomy: true,
    logsource: true,
    filter: true,
  },
  dynamicProps: false,
  dynamicItems: false,
};
