#ifndef MATRIX_H
#define MATRIX_H
typedef struct {
  long m[3][3];
} mat3;
mat3 mat3_mul(mat3 a, mat3 b);
long mat3_det(mat3 a);
#endif
